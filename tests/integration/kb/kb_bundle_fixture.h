#pragma once

// A real SQLite store in a temporary folder with two organisations, a blob store beside it, a
// fake clock and seeded ids; the fixture of the bundle import and export tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/kb/blob_store.h"
#include "rapport/kb/bundle.h"
#include "rapport/store/store.h"

namespace rapport::kb::bundle_testing {

// 2026-11-22T10:00:00Z.
core::TimePoint TestNow();

// A minimal valid PNG (a 1x1 transparent pixel).
std::string TinyPng();

// One SQLite database with its blob folder.
struct TestDatabase {
  explicit TestDatabase(const core::Clock& clock);

  core::testing::TempDir dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<FileBlobStore> blobs;
};

class KbBundleFixture : public ::testing::Test {
 protected:
  KbBundleFixture();

  store::Organisation CreateOrg(store::Store& store, const std::string& slug);
  store::User CreateUser(store::Store& store, const store::OrganisationId& org,
                         const std::string& email);

  ImportReport ImportOrDie(const std::vector<BundleFile>& files, const ImportOptions& options = {},
                           TestDatabase* db = nullptr, const store::Organisation* org = nullptr);
  std::vector<BundleFile> ExportOrDie(TestDatabase* db = nullptr,
                                      const store::Organisation* org = nullptr);

  std::vector<store::Article> Articles(const store::Organisation& org, TestDatabase* db = nullptr);
  std::vector<store::Category> Categories(const store::Organisation& org);
  std::vector<store::Attachment> Attachments(const store::Organisation& org);
  std::vector<store::Revision> Revisions(const store::Organisation& org,
                                         const store::ArticleId& id);
  std::vector<store::AuditEntry> AuditOf(const store::Organisation& org, const std::string& action);
  store::Article ArticleBySlug(const store::Organisation& org, std::string_view slug,
                               std::string_view language = "en");

  core::FakeClock clock_{TestNow()};
  core::SeededRandom random_{5};
  core::IdGenerator ids_{clock_, random_};
  TestDatabase db_{clock_};
  store::Organisation org_;
  store::Organisation other_org_;
  store::User editor_;
  ImportActor actor_{.user_id = std::nullopt, .label = "system", .remote_address = ""};
};

// "path: message" lines, for failure output.
std::string Describe(const std::vector<ImportFileError>& errors);

}  // namespace rapport::kb::bundle_testing
