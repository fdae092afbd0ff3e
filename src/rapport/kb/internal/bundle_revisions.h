#pragma once

// How an import brings an article's revisions to the bundle's text: which revisions to append
// and which one is live afterwards, adding nothing when the text is already there.
// Thread-safety: pure functions.

#include <vector>

#include "rapport/core/clock.h"
#include "rapport/kb/internal/bundle_plan.h"
#include "rapport/store/kb.h"

namespace rapport::kb {

struct RevisionSteps {
  std::vector<store::ArticleContent> revisions;  // to append, in order
  int head_revision = 0;                         // afterwards
  int published_revision = 0;                    // afterwards; 0 for nothing live
};

// `existing` is null for a new article (its revisions then start at 1).
RevisionSteps StepsFor(const store::Article* existing, const store::ArticleContent& head,
                       LiveKind live, const store::ArticleContent& live_content);

// Whether the metadata an import sets is the same (verified_at to the millisecond, as
// exports write it).
bool SameMetadata(const store::Article& a, const store::Article& b);
bool SameMillisecond(core::TimePoint a, core::TimePoint b);

}  // namespace rapport::kb
