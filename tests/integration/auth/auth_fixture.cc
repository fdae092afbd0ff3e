#include "tests/integration/auth/auth_fixture.h"

#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::auth::testing {

AuthFixture::AuthFixture() {
  auto opened = store::sqlite::Open({.path = store::sqlite::DatabasePath(dir_.path()).string()},
                                    clock_, nullptr);
  if (!opened) throw std::runtime_error(opened.error().ToString());
  store_ = std::move(*opened);
  if (auto migrated = store_->Migrate(); !migrated) {
    throw std::runtime_error(migrated.error().ToString());
  }
  Restart(FastOptions());
  org_ = CreateOrg("acme");
  other_org_ = CreateOrg("other");
  owner_ = AddUser(org_, "owner@acme.test", Role::kOwner);
}

AuthOptions AuthFixture::FastOptions() {
  AuthOptions options;
  options.password_hash = kFastHash;
  return options;
}

void AuthFixture::Restart(AuthOptions options) {
  auth_ = std::make_unique<AuthService>(*store_, clock_, random_, std::move(options));
}

store::Organisation AuthFixture::CreateOrg(std::string slug) {
  auto org = store::WriteValue<store::Organisation>(*store_, [&](store::WriteTx& tx) {
    return tx.organisations().Create(
        {.id = ids_.New<store::OrganisationTag>(), .slug = slug, .name = slug, .time_zone = "UTC"});
  });
  if (!org) throw std::runtime_error(org.error().ToString());
  return *org;
}

store::User AuthFixture::AddUser(const store::Organisation& org, std::string email, Role role,
                                 std::string_view password) {
  auto user = auth_->CreateUserWithPassword(org.id, email, email, role, password);
  if (!user) throw std::runtime_error(user.error().ToString());
  return *user;
}

SignIn AuthFixture::LoginOrDie(std::string_view email, std::string_view password,
                               std::string_view remote) {
  auto signed_in = auth_->Login(email, password, remote, "");
  if (!signed_in) throw std::runtime_error(signed_in.error().ToString());
  return *signed_in;
}

Principal AuthFixture::SignedIn(const store::User& user, std::string_view password) {
  const SignIn signed_in = LoginOrDie(user.email, password);
  auto principal = auth_->Authenticate(signed_in.session_secret);
  if (!principal) throw std::runtime_error(principal.error().ToString());
  principal->remote_address = "198.51.100.1";
  return *principal;
}

std::vector<store::AuditEntry> AuthFixture::AuditOf(const store::Organisation& org,
                                                    std::string action) {
  auto page = store::ReadValue<store::Page<store::AuditEntry>>(*store_, [&](store::ReadTx& tx) {
    return tx.audit().List(org.id, {.action = action, .actor_id = {}}, {.limit = 1000});
  });
  if (!page) throw std::runtime_error(page.error().ToString());
  return page->items;
}

store::User AuthFixture::ReadUser(const store::User& user) {
  auto read = store::ReadValue<store::User>(
      *store_, [&](store::ReadTx& tx) { return tx.users().Get(user.org_id, user.id); });
  if (!read) throw std::runtime_error(read.error().ToString());
  return *read;
}

std::optional<store::Session> AuthFixture::ReadSession(std::string_view secret) {
  auto read = store::ReadValue<store::Session>(
      *store_, [&](store::ReadTx& tx) { return tx.sessions().GetByHash(HashSecret(secret)); });
  if (!read) return std::nullopt;
  return *read;
}

store::ApiToken AuthFixture::ReadToken(const store::ApiToken& token) {
  auto read = store::ReadValue<store::ApiToken>(
      *store_, [&](store::ReadTx& tx) { return tx.api_tokens().Get(token.org_id, token.id); });
  if (!read) throw std::runtime_error(read.error().ToString());
  return *read;
}

}  // namespace rapport::auth::testing
