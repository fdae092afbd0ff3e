#pragma once

// `rapport search QUERY...` and `rapport search reindex`, against the data folder. Searching
// opens the index read-only, so it works while the server runs (and shows what the server
// has indexed); reindex rebuilds the index from the store and needs the server stopped (the
// server holds the index's write lock). Exit status as in commands.h.

#include <string>
#include <vector>

#include "rapport/core/config.h"

namespace rapport::app {

struct SearchOptions {
  std::vector<std::string> words;
  int limit = 10;
  bool public_only = false;  // what the help center finds
  bool json = false;
  std::string organisation;  // slug; empty for the default organisation
};
int SearchCommand(const core::Config& config, const SearchOptions& options);

int SearchReindex(const core::Config& config);

}  // namespace rapport::app
