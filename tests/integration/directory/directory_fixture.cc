#include "tests/integration/directory/directory_fixture.h"

#include <stdexcept>

#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::directory::testing {

using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): date literals

core::TimePoint TestNow() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::sys_days{2026y / 11 / 22} + 10h);
}

PersonPatch NamedPatch(std::string employee_id, std::string name) {
  PersonPatch patch;
  patch.employee_id = std::move(employee_id);
  patch.name = std::move(name);
  return patch;
}

DirectoryFixture::DirectoryFixture() {
  auto opened = store::sqlite::Open({.path = store::sqlite::DatabasePath(dir_.path()).string()},
                                    clock_, nullptr);
  if (!opened) throw std::runtime_error(opened.error().ToString());
  store_ = std::move(*opened);
  if (auto migrated = store_->Migrate(); !migrated) {
    throw std::runtime_error(migrated.error().ToString());
  }
  directory_ = std::make_unique<DirectoryService>(*store_, clock_, ids_);
  org_ = CreateOrg("acme");
  other_org_ = CreateOrg("other");
  admin_ = PrincipalFor(org_, auth::Role::kAdmin);
  other_admin_ = PrincipalFor(other_org_, auth::Role::kAdmin);
}

store::Organisation DirectoryFixture::CreateOrg(std::string slug) {
  auto org = store::WriteValue<store::Organisation>(*store_, [&](store::WriteTx& tx) {
    return tx.organisations().Create(
        {.id = ids_.New<store::OrganisationTag>(), .slug = slug, .name = slug, .time_zone = "UTC"});
  });
  if (!org) throw std::runtime_error(org.error().ToString());
  return *org;
}

auth::Principal DirectoryFixture::PrincipalFor(const store::Organisation& org, auth::Role role,
                                               std::optional<store::PersonId> person) {
  auth::Principal principal;
  principal.org_id = org.id;
  principal.user_id = ids_.New<store::UserTag>();
  principal.email = std::string(auth::RoleName(role)) + "@" + org.slug + ".test";
  principal.name = std::string(auth::RoleName(role));
  principal.role = role;
  principal.person_id = std::move(person);
  principal.remote_address = "198.51.100.7";
  return principal;
}

PersonView DirectoryFixture::CreateOrDie(PersonPatch patch, const auth::Principal* as) {
  auto created = directory_->CreatePerson(as == nullptr ? admin_ : *as, patch);
  if (!created) throw std::runtime_error(created.error().ToString());
  return *created;
}

store::TeamId DirectoryFixture::TeamOrDie(std::string name, store::TeamKind kind,
                                          std::optional<store::TeamId> parent) {
  NewTeamRequest request;
  request.name = std::move(name);
  request.kind = kind;
  request.parent_id = std::move(parent);
  auto created = directory_->CreateTeam(admin_, request);
  if (!created) throw std::runtime_error(created.error().ToString());
  return created->team.id;
}

ImportReport DirectoryFixture::ImportOrDie(std::string_view csv, bool dry_run, bool force) {
  ImportRequest request;
  request.csv = csv;
  request.dry_run = dry_run;
  request.force = force;
  auto report = directory_->Import(admin_, request);
  if (!report) throw std::runtime_error(report.error().ToString());
  return *report;
}

std::vector<store::Person> DirectoryFixture::PeopleOf(const store::Organisation& org) {
  auto people = store::ReadValue<std::vector<store::Person>>(
      *store_, [&](store::ReadTx& tx) { return tx.people().ListAll(org.id); });
  if (!people) throw std::runtime_error(people.error().ToString());
  return *people;
}

store::Person DirectoryFixture::PersonByEmployeeId(std::string_view employee_id) {
  auto person = store::ReadValue<store::Person>(*store_, [&](store::ReadTx& tx) {
    return tx.people().GetByEmployeeId(org_.id, employee_id);
  });
  if (!person) throw std::runtime_error(person.error().ToString());
  return *person;
}

std::vector<store::AuditEntry> DirectoryFixture::AuditOf(const store::Organisation& org,
                                                         std::string action) {
  auto page = store::ReadValue<store::Page<store::AuditEntry>>(*store_, [&](store::ReadTx& tx) {
    return tx.audit().List(org.id, {.action = action, .actor_id = {}}, {.limit = 1000});
  });
  if (!page) throw std::runtime_error(page.error().ToString());
  return page->items;
}

}  // namespace rapport::directory::testing
