#pragma once

// A real SQLite store and attachment folder in a temporary directory, two organisations, a
// fake clock and a KnowledgeBase; principals are real user rows (articles reference their
// owners) made directly, as the auth middleware would establish them.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "rapport/auth/policy.h"
#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/kb/blob_store.h"
#include "rapport/kb/service.h"
#include "rapport/store/store.h"

namespace rapport::kb::testing {

class KbFixture : public ::testing::Test {
 protected:
  KbFixture();

  store::Organisation CreateOrg(const std::string& slug);
  // A user of `org` with `role`, as a principal.
  auth::Principal UserOf(const store::Organisation& org, auth::Role role, const std::string& name);

  // Creates an article as `as` and fails the test on error.
  ArticleView CreateOrDie(const auth::Principal& as, const std::string& title,
                          const std::string& body = "Body text.",
                          store::Visibility visibility = store::Visibility::kInternal);
  // Creates, submits and approves (by an editor other than the author) an article.
  ArticleView PublishedOrDie(const auth::Principal& author, const std::string& title,
                             const std::string& body = "Body text.",
                             store::Visibility visibility = store::Visibility::kInternal);
  ArticleView TransitionOrDie(const auth::Principal& as, const store::ArticleId& id,
                              store::ArticleStatus to);

  core::testing::TempDir dir_;
  core::FakeClock clock_;
  core::SeededRandom random_{11};
  core::IdGenerator ids_{clock_, random_};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<FileBlobStore> blobs_;
  std::unique_ptr<KnowledgeBase> kb_;
  store::Organisation org_;
  store::Organisation other_org_;
  auth::Principal owner_;
  auth::Principal editor_;
  auth::Principal second_editor_;
  auth::Principal employee_;
  auth::Principal hr_;
  auth::Principal other_admin_;
};

}  // namespace rapport::kb::testing
