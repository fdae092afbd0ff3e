#include "tests/integration/kb/kb_fixture.h"

#include <cctype>
#include <chrono>
#include <stdexcept>

#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::kb::testing {

namespace {

core::TimePoint Start() {
  using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): date literals
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::sys_days{2026y / 11 / 22} + 9h);
}

template <typename T>
T OrDie(core::Result<T> result) {
  if (!result) throw std::runtime_error(result.error().ToString());
  return std::move(*result);
}

}  // namespace

KbFixture::KbFixture() : clock_(Start()) {
  store_ = OrDie(store::sqlite::Open({.path = store::sqlite::DatabasePath(dir_.path()).string()},
                                     clock_, nullptr));
  if (auto migrated = store_->Migrate(); !migrated) {
    throw std::runtime_error(migrated.error().ToString());
  }
  blobs_ = std::make_unique<FileBlobStore>(dir_.path() / "attachments");
  kb_ = std::make_unique<KnowledgeBase>(*store_, *blobs_, clock_, ids_);
  org_ = CreateOrg("acme");
  other_org_ = CreateOrg("other");
  owner_ = UserOf(org_, auth::Role::kOwner, "Olive Owner");
  editor_ = UserOf(org_, auth::Role::kKnowledgeEditor, "Edna Editor");
  second_editor_ = UserOf(org_, auth::Role::kKnowledgeEditor, "Ezra Editor");
  employee_ = UserOf(org_, auth::Role::kEmployee, "Emil Employee");
  hr_ = UserOf(org_, auth::Role::kHr, "Hana HR");
  other_admin_ = UserOf(other_org_, auth::Role::kAdmin, "Otto Other");
}

store::Organisation KbFixture::CreateOrg(const std::string& slug) {
  return OrDie(store::WriteValue<store::Organisation>(*store_, [&](store::WriteTx& tx) {
    return tx.organisations().Create(
        {.id = ids_.New<store::OrganisationTag>(), .slug = slug, .name = slug, .time_zone = "UTC"});
  }));
}

auth::Principal KbFixture::UserOf(const store::Organisation& org, auth::Role role,
                                  const std::string& name) {
  store::User user;
  user.id = ids_.New<store::UserTag>();
  user.org_id = org.id;
  user.email = user.id.str() + "@" + org.slug + ".test";
  for (char& c : user.email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  user.name = name;
  user.role = std::string(auth::RoleName(role));
  const store::User stored = OrDie(store::WriteValue<store::User>(
      *store_, [&](store::WriteTx& tx) { return tx.users().Create(user); }));
  auth::Principal principal;
  principal.org_id = org.id;
  principal.user_id = stored.id;
  principal.email = stored.email;
  principal.name = name;
  principal.role = role;
  principal.remote_address = "198.51.100.7";
  return principal;
}

ArticleView KbFixture::CreateOrDie(const auth::Principal& as, const std::string& title,
                                   const std::string& body, store::Visibility visibility) {
  NewArticle article;
  article.title = title;
  article.body = body;
  article.visibility = visibility;
  return OrDie(kb_->CreateArticle(as, article));
}

ArticleView KbFixture::PublishedOrDie(const auth::Principal& author, const std::string& title,
                                      const std::string& body, store::Visibility visibility) {
  const ArticleView created = CreateOrDie(author, title, body, visibility);
  TransitionOrDie(author, created.article.id, store::ArticleStatus::kInReview);
  const auth::Principal& approver = author.user_id == editor_.user_id ? second_editor_ : editor_;
  return TransitionOrDie(approver, created.article.id, store::ArticleStatus::kPublished);
}

ArticleView KbFixture::TransitionOrDie(const auth::Principal& as, const store::ArticleId& id,
                                       store::ArticleStatus to) {
  return OrDie(kb_->Transition(as, id, to, ""));
}

}  // namespace rapport::kb::testing
