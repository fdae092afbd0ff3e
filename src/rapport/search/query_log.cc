#include "rapport/search/query_log.h"

#include <algorithm>
#include <utility>

namespace rapport::search {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Whether `b` continues or takes back what `a` typed: one is a prefix of the other.
bool SameRun(std::string_view a, std::string_view b) {
  return a.starts_with(b) || b.starts_with(a);
}

}  // namespace

std::string NormaliseQuery(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

void QueryLog::Searched(LoggedSearch search) {
  if (search.text.empty() || search.searcher.empty()) return;
  const core::TimePoint now = clock_.Now();
  core::MutexLock lock(mu_);
  Key key(search.org.str(), search.searcher);
  auto it = pending_.find(key);
  if (it != pending_.end()) {
    const bool keystroke =
        now - it->second.at < kSettle && SameRun(it->second.search.text, search.text);
    if (!keystroke) settled_.push_back(std::move(it->second));
    it->second = Pending{.search = std::move(search), .at = now};
    return;
  }
  if (pending_.size() >= kMaxPending) {
    // Many concurrent searchers: the oldest pending query is final enough.
    auto oldest = std::min_element(pending_.begin(), pending_.end(),
                                   [](auto& a, auto& b) { return a.second.at < b.second.at; });
    settled_.push_back(std::move(oldest->second));
    pending_.erase(oldest);
  }
  pending_.emplace(std::move(key), Pending{.search = std::move(search), .at = now});
}

core::Status QueryLog::Clicked(const store::OrganisationId& org, std::string_view searcher,
                               std::string_view text, const store::ArticleId& article,
                               int position) {
  const std::string normalised = NormaliseQuery(text);
  std::optional<store::SearchQueryId> written;
  {
    core::MutexLock lock(mu_);
    Key key(org.str(), std::string(searcher));
    if (auto it = pending_.find(key);
        it != pending_.end() && it->second.search.text == normalised) {
      // A click makes the query final.
      it->second.clicked = article;
      it->second.position = position;
      settled_.push_back(std::move(it->second));
      pending_.erase(it);
    } else if (auto w = written_.find(key); w != written_.end() && w->second.text == normalised) {
      written = w->second.id;
    } else {
      return core::NotFound("no such recent search");
    }
  }
  if (written) {
    return store_.Write([&](store::WriteTx& tx) {
      return tx.search_log().RecordClick(org, *written, article, position);
    });
  }
  return Flush();
}

core::Status QueryLog::Flush(bool all) {
  std::vector<Pending> ready;
  {
    core::MutexLock lock(mu_);
    const core::TimePoint now = clock_.Now();
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (all || now - it->second.at >= kSettle) {
        settled_.push_back(std::move(it->second));
        it = pending_.erase(it);
      } else {
        ++it;
      }
    }
    ready.swap(settled_);
  }
  return Write(std::move(ready));
}

core::Status QueryLog::Write(std::vector<Pending> entries) {
  if (entries.empty()) return core::Ok();
  std::vector<Written> written;
  auto status = store_.Write([&](store::WriteTx& tx) -> core::Status {
    written.clear();
    for (const Pending& p : entries) {
      store::SearchQueryRecord record{
          .id = ids_.New<store::SearchQueryTag>(),
          .audience = p.search.audience,
          .language = p.search.language,
          .query = p.search.text,
          .results = p.search.results,
          .clicked_article = p.clicked,
          .clicked_position = p.clicked ? std::optional<int>(p.position) : std::nullopt,
          .at = p.at};
      RAPPORT_ASSIGN_OR_RETURN(auto added, tx.search_log().Add(p.search.org, record));
      written.push_back({.org = p.search.org, .text = p.search.text, .id = added.id});
    }
    return core::Ok();
  });
  core::MutexLock lock(mu_);
  if (!status) {
    // Keep them for the next flush rather than lose them (bounded like pending_).
    if (settled_.size() + entries.size() <= kMaxPending) {
      for (auto& e : entries) settled_.push_back(std::move(e));
    }
    return status;
  }
  for (std::size_t i = 0; i < written.size(); ++i) {
    Key key(written[i].org.str(), entries[i].search.searcher);
    written_.insert_or_assign(std::move(key), std::move(written[i]));
  }
  if (written_.size() > kMaxPending) written_.clear();  // clicks on old queries are rare
  return core::Ok();
}

}  // namespace rapport::search
