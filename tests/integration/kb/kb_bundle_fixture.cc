#include "tests/integration/kb/kb_bundle_fixture.h"

#include <stdexcept>

#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::kb::bundle_testing {

using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): date literals

core::TimePoint TestNow() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::sys_days{2026y / 11 / 22} + 10h);
}

std::string TinyPng() {
  static constexpr unsigned char kBytes[] = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
      0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
      0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
      0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
      0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
  return {reinterpret_cast<const char*>(kBytes), sizeof(kBytes)};
}

TestDatabase::TestDatabase(const core::Clock& clock) {
  auto opened = store::sqlite::Open({.path = store::sqlite::DatabasePath(dir.path()).string()},
                                    clock, nullptr);
  if (!opened) throw std::runtime_error(opened.error().ToString());
  store = std::move(*opened);
  if (auto migrated = store->Migrate(); !migrated) {
    throw std::runtime_error(migrated.error().ToString());
  }
  blobs = std::make_unique<FileBlobStore>(dir.path() / "attachments");
}

KbBundleFixture::KbBundleFixture() {
  org_ = CreateOrg(*db_.store, "acme");
  other_org_ = CreateOrg(*db_.store, "other");
  editor_ = CreateUser(*db_.store, org_.id, "editor@acme.test");
}

store::Organisation KbBundleFixture::CreateOrg(store::Store& store, const std::string& slug) {
  auto org = store::WriteValue<store::Organisation>(store, [&](store::WriteTx& tx) {
    return tx.organisations().Create(
        {.id = ids_.New<store::OrganisationTag>(), .slug = slug, .name = slug, .time_zone = "UTC"});
  });
  if (!org) throw std::runtime_error(org.error().ToString());
  return *org;
}

store::User KbBundleFixture::CreateUser(store::Store& store, const store::OrganisationId& org,
                                        const std::string& email) {
  auto user = store::WriteValue<store::User>(store, [&](store::WriteTx& tx) {
    return tx.users().Create({.id = ids_.New<store::UserTag>(),
                              .org_id = org,
                              .email = email,
                              .name = email,
                              .role = "knowledge_editor"});
  });
  if (!user) throw std::runtime_error(user.error().ToString());
  return *user;
}

ImportReport KbBundleFixture::ImportOrDie(const std::vector<BundleFile>& files,
                                          const ImportOptions& options, TestDatabase* db,
                                          const store::Organisation* org) {
  if (db == nullptr) db = &db_;
  if (org == nullptr) org = &org_;
  auto report = ImportBundle(*db->store, *db->blobs, org->id, files, options, actor_, clock_, ids_);
  if (!report) throw std::runtime_error(report.error().ToString());
  return *report;
}

std::vector<BundleFile> KbBundleFixture::ExportOrDie(TestDatabase* db,
                                                     const store::Organisation* org) {
  if (db == nullptr) db = &db_;
  if (org == nullptr) org = &org_;
  auto files = ExportBundle(*db->store, *db->blobs, org->id);
  if (!files) throw std::runtime_error(files.error().ToString());
  return *files;
}

std::vector<store::Article> KbBundleFixture::Articles(const store::Organisation& org,
                                                      TestDatabase* db) {
  if (db == nullptr) db = &db_;
  auto articles = store::ReadValue<std::vector<store::Article>>(
      *db->store, [&](store::ReadTx& tx) { return tx.articles().ListAll(org.id); });
  if (!articles) throw std::runtime_error(articles.error().ToString());
  return *articles;
}

std::vector<store::Category> KbBundleFixture::Categories(const store::Organisation& org) {
  auto categories = store::ReadValue<std::vector<store::Category>>(
      *db_.store, [&](store::ReadTx& tx) { return tx.categories().ListAll(org.id); });
  if (!categories) throw std::runtime_error(categories.error().ToString());
  return *categories;
}

std::vector<store::Attachment> KbBundleFixture::Attachments(const store::Organisation& org) {
  auto attachments = store::ReadValue<std::vector<store::Attachment>>(
      *db_.store, [&](store::ReadTx& tx) { return tx.attachments().ListAll(org.id); });
  if (!attachments) throw std::runtime_error(attachments.error().ToString());
  return *attachments;
}

std::vector<store::Revision> KbBundleFixture::Revisions(const store::Organisation& org,
                                                        const store::ArticleId& id) {
  auto revisions = store::ReadValue<std::vector<store::Revision>>(
      *db_.store, [&](store::ReadTx& tx) { return tx.articles().Revisions(org.id, id); });
  if (!revisions) throw std::runtime_error(revisions.error().ToString());
  return *revisions;
}

std::vector<store::AuditEntry> KbBundleFixture::AuditOf(const store::Organisation& org,
                                                        const std::string& action) {
  auto page = store::ReadValue<store::Page<store::AuditEntry>>(*db_.store, [&](store::ReadTx& tx) {
    return tx.audit().List(org.id, {.action = action}, {.limit = 100});
  });
  if (!page) throw std::runtime_error(page.error().ToString());
  return page->items;
}

store::Article KbBundleFixture::ArticleBySlug(const store::Organisation& org, std::string_view slug,
                                              std::string_view language) {
  auto article = store::ReadValue<store::Article>(*db_.store, [&](store::ReadTx& tx) {
    return tx.articles().GetBySlug(org.id, language, slug);
  });
  if (!article) throw std::runtime_error(article.error().ToString());
  return *article;
}

std::string Describe(const std::vector<ImportFileError>& errors) {
  std::string out;
  for (const ImportFileError& e : errors) {
    out += e.path + ":" + std::to_string(e.line) + ": " + e.message + "\n";
  }
  return out;
}

}  // namespace rapport::kb::bundle_testing
