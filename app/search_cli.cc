// `rapport search` and `rapport search reindex`.

#include "app/search_cli.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>

#include "app/commands.h"
#include "app/wiring.h"
#include "rapport/api/search_routes.h"
#include "rapport/core/random.h"
#include "rapport/search/indexer.h"
#include "rapport/search/query_log.h"
#include "rapport/search/service.h"

namespace rapport::app {
namespace {

int Fail(std::string_view what, const core::Error& error) {
  std::fprintf(stderr, "rapport: %s: %s\n", std::string(what).c_str(), error.message().c_str());
  const auto code = error.code();
  return code == core::ErrorCode::kInternal || code == core::ErrorCode::kUnavailable ||
                 code == core::ErrorCode::kNotFound
             ? kExitFailure
             : kExitUsage;
}

// Snippets mark matches with <mark>; a terminal shows them in bold and the text unescaped.
std::string ForTerminal(std::string_view html, bool bold) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    const auto starts = [&](std::string_view s) { return html.substr(i).starts_with(s); };
    if (starts("<mark>")) {
      if (bold) out += "\033[1m";
      i += 6;
    } else if (starts("</mark>")) {
      if (bold) out += "\033[0m";
      i += 7;
    } else if (starts("&lt;")) {
      out += '<';
      i += 4;
    } else if (starts("&gt;")) {
      out += '>';
      i += 4;
    } else if (starts("&quot;")) {
      out += '"';
      i += 6;
    } else if (starts("&#39;")) {
      out += '\'';
      i += 5;
    } else if (starts("&amp;")) {
      out += '&';
      i += 5;
    } else {
      out += html[i++];
    }
  }
  return out;
}

}  // namespace

int SearchCommand(const core::Config& config, const SearchOptions& options) {
  core::SystemClock clock;
  auto store = OpenStore(config.store, clock, nullptr, /*migrate=*/false);
  if (!store) return Fail("cannot open the store", store.error());
  auto index = OpenSearchIndex(config.store, /*read_only=*/true);
  if (!index) return Fail("cannot open the search index", index.error());
  core::SystemRandom random;
  core::IdGenerator ids(clock, random);
  auto org = options.organisation.empty()
                 ? DefaultOrganisation(**store, ids)
                 : store::ReadValue<store::Organisation>(**store, [&](store::ReadTx& tx) {
                     return tx.organisations().GetBySlug(options.organisation);
                   });
  if (!org) return Fail("no such organisation", org.error());

  search::QueryLog unused_log(**store, clock, ids);  // the command line is not logged
  search::SearchService service(**store, **index, unused_log, clock, ids);
  search::SearchRequest request;
  for (const auto& word : options.words) {
    if (!request.text.empty()) request.text += ' ';
    request.text += word;
  }
  request.limit = options.limit;
  request.as_you_type = false;
  // The operator of the data folder sees what a knowledge editor sees.
  auth::Principal operator_principal;
  operator_principal.org_id = org->id;
  operator_principal.role = auth::Role::kOwner;
  auto found = options.public_only ? service.PublicSearch(org->id, request)
                                   : service.Search(operator_principal, request);
  if (!found) return Fail("search failed", found.error());

  if (options.json) {
    std::printf("%s\n", boost::json::serialize(api::SearchResponseJson(*found)).c_str());
    return kExitOk;
  }
  const bool bold = ::isatty(::fileno(stdout)) != 0;
  if (!found->did_you_mean.empty()) {
    std::printf("%s: %s\n", found->corrected ? "Showing results for" : "Did you mean",
                found->did_you_mean.c_str());
  }
  int rank = 0;
  for (const auto& r : found->results) {
    std::printf("%2d. %s  (%s)\n    %s\n", ++rank, ForTerminal(r.title_html, bold).c_str(),
                r.url.c_str(), ForTerminal(r.snippet, bold).c_str());
  }
  std::printf("%d result%s\n", found->total, found->total == 1 ? "" : "s");
  return kExitOk;
}

int SearchReindex(const core::Config& config) {
  core::SystemClock clock;
  auto store = OpenStore(config.store, clock, nullptr, /*migrate=*/true);
  if (!store) return Fail("cannot open the store", store.error());
  auto index = OpenSearchIndex(config.store, /*read_only=*/false);
  if (!index) {
    return Fail(
        "cannot open the search index (is the server running? it keeps the index "
        "current itself)",
        index.error());
  }
  search::Indexer indexer(**store, **index);
  auto indexed = indexer.Rebuild();
  if (!indexed) return Fail("reindex failed", indexed.error());
  std::printf("indexed %lld articles\n", static_cast<long long>(*indexed));
  return kExitOk;
}

}  // namespace rapport::app
