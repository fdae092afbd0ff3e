#pragma once

// The search query log keeps final queries, not keystrokes. Search-as-you-type sends a query
// per keystroke ("pri", "prin", "printer", "printer dr"...); only the query a person settled
// on, the last of such a run, says what they looked for. Each searcher (a session, or an
// address in the help center) has one pending query. A new query that extends or shortens the
// pending one within the settle time replaces it; any other query, the settle time passing
// (Flush), or a click on a result makes the pending query final and writes it to the store.
// A click after that attaches to the written query.
//
// Thread-safety: safe for concurrent calls; Flush writes outside the lock.

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/core/thread_annotations.h"
#include "rapport/store/store.h"

namespace rapport::search {

struct LoggedSearch {
  store::OrganisationId org = {};
  std::string searcher = {};
  std::string audience = {};  // "staff" or "public"
  std::string language = {};
  std::string text = {};  // normalised (NormaliseQuery)
  int results = 0;
};

// Lower case (ASCII), runs of white space collapsed to one space, none at either end.
std::string NormaliseQuery(std::string_view text);

class QueryLog {
 public:
  static constexpr std::chrono::seconds kSettle{4};
  static constexpr std::size_t kMaxPending = 10000;

  QueryLog(store::Store& store, const core::Clock& clock, core::IdGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Notes a search. Empty text or searcher: nothing is logged.
  void Searched(LoggedSearch search) RAPPORT_EXCLUDES(mu_);

  // The searcher clicked the result at `position` (1-based) of their query `text`. NotFound
  // when the searcher made no such query recently.
  core::Status Clicked(const store::OrganisationId& org, std::string_view searcher,
                       std::string_view text, const store::ArticleId& article, int position)
      RAPPORT_EXCLUDES(mu_);

  // Writes the pending queries that have settled (all of them when `all`).
  core::Status Flush(bool all = false) RAPPORT_EXCLUDES(mu_);

 private:
  struct Pending {
    LoggedSearch search = {};
    core::TimePoint at = {};
    std::optional<store::ArticleId> clicked = {};
    int position = 0;
  };
  struct Written {
    store::OrganisationId org = {};
    std::string text = {};
    store::SearchQueryId id = {};
  };
  using Key = std::pair<std::string, std::string>;  // org, searcher

  core::Status Write(std::vector<Pending> entries);

  store::Store& store_;
  const core::Clock& clock_;
  core::IdGenerator& ids_;
  core::Mutex mu_;
  std::map<Key, Pending> pending_ RAPPORT_GUARDED_BY(mu_);
  std::map<Key, Written> written_ RAPPORT_GUARDED_BY(mu_);
  std::vector<Pending> settled_ RAPPORT_GUARDED_BY(mu_);  // final, not yet written
};

}  // namespace rapport::search
