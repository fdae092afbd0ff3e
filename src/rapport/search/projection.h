#pragma once

// How an article appears in the search index: the text its readers see (the live revision,
// or the head while nothing is live) as plain text, and the fields searches filter on.
// Pure functions; thread-safe.

#include <map>

#include "rapport/core/error.h"
#include "rapport/index/search_index.h"
#include "rapport/store/kb.h"

namespace rapport::search {

// Category id -> its parent's id (empty for a top-level category).
using CategoryParents = std::map<std::string, std::string, std::less<>>;

CategoryParents ParentsOf(const std::vector<store::Category>& categories);

// The index document of `article`, whose contents carry their bodies. A body the Markdown
// renderer refuses (over its limits) is indexed by its title, summary and tags alone.
index::Document ToDocument(const store::OrganisationId& org, const store::Article& article,
                           const store::ArticleStats& stats, const CategoryParents& parents);

}  // namespace rapport::search
