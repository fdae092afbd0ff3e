#include "rapport/search/service.h"

#include <charconv>
#include <map>
#include <utility>

#include "rapport/core/url.h"
#include "rapport/kb/rules.h"
#include "rapport/store/pagination.h"

namespace rapport::search {
namespace {

using CategoryIndex = std::map<std::string, store::Category, std::less<>>;

std::int64_t UnixSeconds(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

core::Result<int> OffsetOf(std::string_view cursor) {
  RAPPORT_ASSIGN_OR_RETURN(std::string key, store::DecodeCursor(cursor));
  if (key.empty()) return 0;
  int offset = 0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), offset);
  if (ec != std::errc() || end != key.data() + key.size() || offset < 0 || offset > kMaxOffset) {
    return core::InvalidArgument("not a cursor from a search", "cursor");
  }
  return offset;
}

// The help center's address of an article: under its top-level category's slug.
std::string HelpUrl(const store::Article& article, const CategoryIndex& categories) {
  std::string top = "articles";
  if (article.category_id) {
    if (auto it = categories.find(article.category_id->str()); it != categories.end()) {
      top = it->second.slug;
      if (it->second.parent_id) {
        if (auto p = categories.find(it->second.parent_id->str()); p != categories.end()) {
          top = p->second.slug;
        }
      }
    }
  }
  return "/help/" + core::EncodePathSegment(top) + "/" + core::EncodePathSegment(article.slug);
}

std::vector<Facet> Labelled(const std::vector<index::FacetCount>& counts,
                            const CategoryIndex* categories) {
  std::vector<Facet> out;
  for (const auto& c : counts) {
    std::string label = c.value;
    if (categories) {
      auto it = categories->find(c.value);
      if (it == categories->end()) continue;  // deleted since it was indexed
      label = it->second.name;
    }
    out.push_back({.value = c.value, .label = std::move(label), .count = c.count});
  }
  return out;
}

// The article languages a reader of `language` is served: the language itself and, for a
// regional variant ("en-US"), its primary language ("en"), since most articles carry only that.
// A malformed language is a bad request (field "language") rather than matching nothing.
core::Result<std::vector<std::string>> LanguagesFor(std::string_view language) {
  if (language.empty()) return std::vector<std::string>{};
  core::Result<std::string> tag = kb::NormaliseLanguage(language);
  if (!tag) return core::InvalidArgument(tag.error().message(), "language");
  std::vector<std::string> out = {*tag};
  if (const auto dash = tag->find('-'); dash != std::string::npos) {
    out.push_back(tag->substr(0, dash));
  }
  return out;
}

}  // namespace

SearchService::SearchService(store::Store& store, index::SearchIndex& index, QueryLog& log,
                             const core::Clock& clock, core::IdGenerator& ids)
    : store_(store), index_(index), log_(log), clock_(clock), ids_(ids) {}

core::Result<SearchResponse> SearchService::Search(const auth::Principal& principal,
                                                   const SearchRequest& request) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbRead));
  index::Query query;
  if (auth::Authorize(principal, auth::Action::kKbPublish)) {
    query.audience.see_all = true;
    query.filter.statuses = request.statuses;
    // Editors search what readers see unless they ask for other statuses.
    if (query.filter.statuses.empty()) query.filter.statuses = {"published"};
  } else {
    if (!request.statuses.empty()) {
      return core::PermissionDenied("only knowledge editors filter by status");
    }
    query.audience.role = std::string(auth::RoleName(principal.role));
    query.audience.user = principal.user_id.str();
  }
  return Run(principal.org_id, std::move(query), request, &principal);
}

core::Result<SearchResponse> SearchService::PublicSearch(const store::OrganisationId& org,
                                                         const SearchRequest& request) {
  if (!request.statuses.empty()) {
    return core::InvalidArgument("the help center has no status filter", "status");
  }
  index::Query query;
  query.audience.public_only = true;
  return Run(org, std::move(query), request, nullptr);
}

core::Status SearchService::Clicked(const store::OrganisationId& org, std::string_view searcher,
                                    std::string_view text, const store::ArticleId& article,
                                    int position) {
  if (position < 1 || position > kMaxOffset + kMaxLimit) {
    return core::InvalidArgument("position must be between 1 and 1100", "position");
  }
  return log_.Clicked(org, searcher, text, article, position);
}

core::Result<SearchResponse> SearchService::Run(const store::OrganisationId& org,
                                                index::Query query, const SearchRequest& request,
                                                const auth::Principal* staff) {
  for (const auto& status : query.filter.statuses) {
    RAPPORT_RETURN_IF_ERROR(kb::ParseStatus(status, "status"));
  }
  if (request.limit < 1 || request.limit > kMaxLimit) {
    return core::InvalidArgument("limit must be between 1 and 100", "limit");
  }
  RAPPORT_ASSIGN_OR_RETURN(int offset, OffsetOf(request.cursor));
  query.org = org.str();
  query.text = request.text;
  RAPPORT_ASSIGN_OR_RETURN(query.filter.languages, LanguagesFor(request.language));
  if (!query.filter.languages.empty()) query.language = query.filter.languages.front();
  query.filter.categories = request.categories;
  query.filter.tags = request.tags;
  query.offset = offset;
  query.limit = request.limit;
  query.prefix_last = request.as_you_type;
  query.facets = request.facets;
  query.signals.now = UnixSeconds(clock_.Now());
  std::vector<std::vector<std::string>> synonyms;
  RAPPORT_RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(auto groups, tx.synonyms().ListAll(org));
    for (auto& g : groups) query.synonyms.push_back(std::move(g.words));
    return core::Ok();
  }));
  RAPPORT_ASSIGN_OR_RETURN(index::Results found, index_.Search(query));

  SearchResponse out;
  out.total = found.total;
  out.did_you_mean = std::move(found.did_you_mean);
  out.corrected = found.corrected;
  out.partial = found.partial;
  if (offset + request.limit < found.total && offset + request.limit <= kMaxOffset) {
    out.next_cursor = store::EncodeCursor(std::to_string(offset + request.limit));
  }
  // The store confirms each hit: the index may lag a change of visibility or status.
  RAPPORT_RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(auto all, tx.categories().ListAll(org));
    CategoryIndex categories;
    for (auto& c : all) categories.emplace(c.id.str(), std::move(c));
    for (index::Hit& hit : found.hits) {
      auto id = store::ArticleId::FromTrusted(hit.id);
      auto article = tx.articles().Get(org, id);
      if (!article) {
        if (article.error().code() == core::ErrorCode::kNotFound) continue;
        return std::unexpected(article.error());
      }
      const bool readable = staff ? kb::CanRead(*staff, *article) : kb::IsPublicLive(*article);
      if (!readable) continue;
      out.results.push_back({.id = std::move(hit.id),
                             .title = std::move(hit.title),
                             .title_html = std::move(hit.title_html),
                             .snippet = std::move(hit.snippet),
                             .slug = std::move(hit.slug),
                             .language = std::move(hit.language),
                             .category_id = std::move(hit.category),
                             .url = staff ? "/knowledge/articles/" + article->id.str()
                                          : HelpUrl(*article, categories),
                             .score = hit.score});
    }
    for (const auto& [name, counts] : found.facets) {
      if (name == "category") out.category_facets = Labelled(counts, &categories);
      if (name == "tag") out.tag_facets = Labelled(counts, nullptr);
    }
    return core::Ok();
  }));
  if (offset == 0) {
    log_.Searched({.org = org,
                   .searcher = request.searcher,
                   .audience = staff ? "staff" : "public",
                   .language = request.language,
                   .text = NormaliseQuery(request.text),
                   .results = out.total});
  }
  return out;
}

}  // namespace rapport::search
