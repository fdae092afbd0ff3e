// SearchService: the content-gap reports, synonyms and the query log's retention.

#include <algorithm>
#include <chrono>
#include <span>
#include <utility>

#include "rapport/core/audit_detail.h"
#include "rapport/search/service.h"
#include "rapport/store/pagination.h"

namespace rapport::search {
namespace {

constexpr std::string_view kWordsField = "words";

// Trimmed, lower-cased (ASCII), inner white space collapsed: how queries are normalised too.
core::Result<std::vector<std::string>> NormaliseWords(const std::vector<std::string>& words) {
  if (words.size() < 2 || words.size() > static_cast<std::size_t>(kMaxSynonymWords)) {
    return core::Unprocessable("a synonym group has 2 to 20 words", std::string(kWordsField));
  }
  std::vector<std::string> out;
  for (const auto& word : words) {
    std::string normal = NormaliseQuery(word);
    if (normal.empty() || normal.size() > kMaxSynonymWordBytes) {
      return core::Unprocessable("each word has 1 to 60 characters", std::string(kWordsField));
    }
    if (normal.find('"') != std::string::npos || normal.starts_with('-')) {
      return core::Unprocessable("words may not contain quotes or start with '-'",
                                 std::string(kWordsField));
    }
    if (std::find(out.begin(), out.end(), normal) != out.end()) {
      return core::Unprocessable("a word appears twice: " + normal, std::string(kWordsField));
    }
    out.push_back(std::move(normal));
  }
  return out;
}

std::string WordsDetail(const std::vector<std::string>& words) {
  return core::AuditDetail().Add("words", std::span<const std::string>(words)).str();
}

}  // namespace

core::Result<Insights> SearchService::GetInsights(const auth::Principal& principal,
                                                  const InsightsRequest& request) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbPublish));
  if (request.days < 1 || request.days > kMaxInsightDays) {
    return core::InvalidArgument("days must be between 1 and 366", "days");
  }
  Insights out;
  // The store's periods are half-open: one microsecond past now includes a search made now.
  out.to = clock_.Now() + std::chrono::microseconds(1);
  out.from = out.to - std::chrono::days(request.days);
  RAPPORT_RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> core::Status {
    auto& log = tx.search_log();
    const auto& org = principal.org_id;
    RAPPORT_ASSIGN_OR_RETURN(
        out.top, log.TopQueries(org, out.from, out.to, request.audience, request.limit));
    RAPPORT_ASSIGN_OR_RETURN(
        out.zero_results,
        log.ZeroResultQueries(org, out.from, out.to, request.audience, request.limit));
    RAPPORT_ASSIGN_OR_RETURN(out.low_clicks,
                             log.LowClickQueries(org, out.from, out.to, request.audience,
                                                 request.min_searches, request.limit));
    return core::Ok();
  }));
  return out;
}

core::Result<std::vector<store::SynonymGroup>> SearchService::Synonyms(
    const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbPublish));
  return store::ReadValue<std::vector<store::SynonymGroup>>(
      store_, [&](store::ReadTx& tx) { return tx.synonyms().ListAll(principal.org_id); });
}

core::Result<store::SynonymGroup> SearchService::CreateSynonyms(
    const auth::Principal& principal, const std::vector<std::string>& words) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  RAPPORT_ASSIGN_OR_RETURN(auto normal, NormaliseWords(words));
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<store::SynonymGroup>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::SynonymGroup> {
        RAPPORT_ASSIGN_OR_RETURN(auto existing, tx.synonyms().ListAll(principal.org_id));
        if (existing.size() >= static_cast<std::size_t>(kMaxSynonymGroups)) {
          return core::Unprocessable("at most 500 synonym groups", std::string(kWordsField));
        }
        RAPPORT_ASSIGN_OR_RETURN(
            auto group,
            tx.synonyms().Create(principal.org_id,
                                 {.id = ids_.New<store::SynonymGroupTag>(), .words = normal}));
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(auth::AuditEntryFor(
            principal, now, "search.synonyms.created", group.id.str(), WordsDetail(normal))));
        return group;
      });
}

core::Result<store::SynonymGroup> SearchService::UpdateSynonyms(
    const auth::Principal& principal, const store::SynonymGroupId& id,
    const std::vector<std::string>& words) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  RAPPORT_ASSIGN_OR_RETURN(auto normal, NormaliseWords(words));
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<store::SynonymGroup>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::SynonymGroup> {
        RAPPORT_ASSIGN_OR_RETURN(
            auto group, tx.synonyms().Update(principal.org_id, {.id = id, .words = normal}));
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(auth::AuditEntryFor(
            principal, now, "search.synonyms.changed", id.str(), WordsDetail(normal))));
        return group;
      });
}

core::Status SearchService::DeleteSynonyms(const auth::Principal& principal,
                                           const store::SynonymGroupId& id) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  const core::TimePoint now = clock_.Now();
  return store_.Write([&](store::WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.synonyms().Delete(principal.org_id, id));
    RAPPORT_RETURN_IF_ERROR(tx.audit().Append(
        auth::AuditEntryFor(principal, now, "search.synonyms.deleted", id.str(), "{}")));
    return core::Ok();
  });
}

core::Result<store::SearchSettings> SearchService::Settings(const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  return store::ReadValue<store::SearchSettings>(
      store_, [&](store::ReadTx& tx) { return tx.search_settings().Get(principal.org_id); });
}

core::Result<store::SearchSettings> SearchService::UpdateSettings(
    const auth::Principal& principal, const store::SearchSettings& settings) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  if (settings.query_retention_days < 1 || settings.query_retention_days > kMaxRetentionDays) {
    return core::Unprocessable("keep searches for 1 to 3650 days", "query_retention_days");
  }
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<store::SearchSettings>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::SearchSettings> {
        RAPPORT_ASSIGN_OR_RETURN(auto before, tx.search_settings().Get(principal.org_id));
        if (before == settings) return settings;
        RAPPORT_RETURN_IF_ERROR(tx.search_settings().Put(principal.org_id, settings));
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(auth::AuditEntryFor(
            principal, now, "settings.changed", "search",
            core::AuditDetail()
                .Add("query_retention_days", std::int64_t{settings.query_retention_days})
                .str())));
        return settings;
      });
}

core::Result<std::int64_t> SearchService::ApplyRetention() {
  const core::TimePoint now = clock_.Now();
  std::int64_t deleted = 0;
  store::PageRequest page{.limit = store::kMaxPageLimit};
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(
        auto orgs, store::ReadValue<store::Page<store::Organisation>>(
                       store_, [&](store::ReadTx& tx) { return tx.organisations().List(page); }));
    for (const auto& org : orgs.items) {
      RAPPORT_RETURN_IF_ERROR(store_.Write([&](store::WriteTx& tx) -> core::Status {
        RAPPORT_ASSIGN_OR_RETURN(auto settings, tx.search_settings().Get(org.id));
        RAPPORT_ASSIGN_OR_RETURN(
            auto n, tx.search_log().DeleteBefore(
                        org.id, now - std::chrono::days(settings.query_retention_days)));
        deleted += n;
        return core::Ok();
      }));
    }
    if (orgs.next_cursor.empty()) return deleted;
    page.cursor = orgs.next_cursor;
  }
}

}  // namespace rapport::search
