#pragma once

// Helpers shared by the directory, history, access and knowledge-base parts of the store
// contract: one-line transactions over the port and assertions on results.
// Thread-safety: as the store.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "rapport/store/store.h"
#include "store_contract.h"

namespace rapport::store::testing {

#define CONTRACT_ASSERT_OK(expr)                                                      \
  do {                                                                                \
    auto&& contract_result_ = (expr);                                                 \
    ASSERT_TRUE(contract_result_.has_value()) << contract_result_.error().ToString(); \
  } while (false)

// Opens a migrated store as `store` and creates two organisations, `org` and `other`.
#define CONTRACT_SETUP_TWO_ORGANISATIONS()                                           \
  auto store = OpenMigrated();                                                       \
  ASSERT_NE(store, nullptr);                                                         \
  const OrganisationId org = ids_.New<OrganisationTag>();                            \
  const OrganisationId other = ids_.New<OrganisationTag>();                          \
  CONTRACT_ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(org, "org-a"))); \
  CONTRACT_ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(other, "org-b")))

template <typename R>
std::optional<core::ErrorCode> CodeOf(const R& result) {
  if (result.has_value()) return std::nullopt;
  return result.error().code();
}

template <typename R>
std::string FieldOf(const R& result) {
  return result.has_value() ? std::string() : result.error().field();
}

inline Person MakePerson(const PersonId& id, std::string employee_id, std::string name) {
  Person person;
  person.id = id;
  person.employee_id = std::move(employee_id);
  person.email = person.employee_id + "@example.com";
  person.name = std::move(name);
  person.job_title = "Engineer";
  person.hire_date = "2024-03-01";
  person.location = "Lyon";
  person.employment_type = "full_time";
  return person;
}

// Team and filter builders: the port's structs leave optional members without initialisers,
// which designated initialisers would have to spell out.
inline NewTeam Department(const TeamId& id, std::string name) {
  NewTeam team;
  team.id = id;
  team.name = std::move(name);
  team.kind = TeamKind::kDepartment;
  return team;
}

inline NewTeam TeamUnder(const TeamId& id, std::string name, const TeamId& parent) {
  NewTeam team;
  team.id = id;
  team.name = std::move(name);
  team.kind = TeamKind::kTeam;
  team.parent_id = parent;
  return team;
}

inline PersonFilter Matching(std::string query, PersonFilter base = {}) {
  base.query = std::move(query);
  return base;
}

inline PersonFilter InTeam(const TeamId& team, PersonFilter base = {}) {
  base.team_id = team;
  return base;
}

inline PersonFilter ReportingTo(const PersonId& manager, PersonFilter base = {}) {
  base.manager_id = manager;
  return base;
}

inline PersonFilter WithInactive(PersonFilter base = {}) {
  base.include_inactive = true;
  return base;
}

inline core::Result<Team> CreateTeam(Store& store, const OrganisationId& org, const NewTeam& team) {
  return WriteValue<Team>(store, [&](WriteTx& tx) { return tx.teams().Create(org, team); });
}

inline core::Result<Person> CreatePerson(Store& store, const OrganisationId& org,
                                         const Person& person,
                                         const DateText& effective = "2025-01-01") {
  return WriteValue<Person>(
      store, [&](WriteTx& tx) { return tx.people().Create(org, person, effective); });
}

inline core::Result<Person> UpdatePerson(Store& store, const OrganisationId& org,
                                         const Person& person, const DateText& effective) {
  return WriteValue<Person>(
      store, [&](WriteTx& tx) { return tx.people().Update(org, person, effective); });
}

inline core::Result<Person> GetPerson(Store& store, const OrganisationId& org, const PersonId& id) {
  return ReadValue<Person>(store, [&](ReadTx& tx) { return tx.people().Get(org, id); });
}

inline core::Result<std::vector<Membership>> HistoryOf(Store& store, const OrganisationId& org,
                                                       const PersonId& id) {
  return ReadValue<std::vector<Membership>>(
      store, [&](ReadTx& tx) { return tx.people().History(org, id); });
}

// The membership `person` has from `from` to `to` (empty: current) in its team and manager.
inline Membership Stretch(const Person& person, std::string from, std::string to = {}) {
  return Membership{.person_id = person.id,
                    .team_id = person.team_id,
                    .manager_id = person.manager_id,
                    .valid_from = std::move(from),
                    .valid_to = std::move(to)};
}

// Knowledge base. A user to own, verify or write articles (emails must differ per call).
inline User KbUser(const OrganisationId& org, const UserId& id, std::string email) {
  User user;
  user.id = id;
  user.org_id = org;
  user.email = std::move(email);
  user.name = "Editor";
  user.role = "editor";
  user.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
  return user;
}

inline core::Result<User> CreateKbUser(Store& store, const User& user) {
  return WriteValue<User>(store, [&](WriteTx& tx) { return tx.users().Create(user); });
}

inline Category MakeCategory(const CategoryId& id, std::string name,
                             std::optional<CategoryId> parent = std::nullopt) {
  Category category;
  category.id = id;
  category.parent_id = std::move(parent);
  category.slug = name + "-slug";
  category.name = std::move(name);
  category.description = "About " + category.name;
  return category;
}

inline core::Result<Category> CreateCategory(Store& store, const OrganisationId& org,
                                             const Category& category) {
  return WriteValue<Category>(store,
                              [&](WriteTx& tx) { return tx.categories().Create(org, category); });
}

// An internal draft in `language` with no category, owner or group (its own group).
inline Article MakeArticle(const ArticleId& id, std::string slug, std::string language = "en") {
  Article article;
  article.id = id;
  article.slug = std::move(slug);
  article.language = std::move(language);
  return article;
}

inline Revision MakeRevision(std::string title, std::string body = "Body text") {
  Revision revision;
  revision.content.title = std::move(title);
  revision.content.summary = "Summary of " + revision.content.title;
  revision.content.body = std::move(body);
  revision.content.tags = {"tag one", "two"};
  revision.note = "written";
  return revision;
}

inline core::Result<Article> CreateArticle(Store& store, const OrganisationId& org,
                                           const Article& article, const Revision& first) {
  return WriteValue<Article>(
      store, [&](WriteTx& tx) { return tx.articles().Create(org, article, first); });
}

inline core::Result<Article> GetArticle(Store& store, const OrganisationId& org,
                                        const ArticleId& id) {
  return ReadValue<Article>(store, [&](ReadTx& tx) { return tx.articles().Get(org, id); });
}

inline core::Result<Article> UpdateArticle(Store& store, const OrganisationId& org,
                                           const Article& article) {
  return WriteValue<Article>(store,
                             [&](WriteTx& tx) { return tx.articles().Update(org, article); });
}

inline core::Result<Revision> AddRevision(Store& store, const OrganisationId& org,
                                          const ArticleId& id, const Revision& revision) {
  return WriteValue<Revision>(
      store, [&](WriteTx& tx) { return tx.articles().AddRevision(org, id, revision); });
}

inline core::Result<std::vector<Revision>> RevisionsOf(Store& store, const OrganisationId& org,
                                                       const ArticleId& id) {
  return ReadValue<std::vector<Revision>>(
      store, [&](ReadTx& tx) { return tx.articles().Revisions(org, id); });
}

inline Feedback MakeFeedback(const FeedbackId& id, const ArticleId& article, bool helpful) {
  Feedback feedback;
  feedback.id = id;
  feedback.article_id = article;
  feedback.helpful = helpful;
  feedback.revision = 1;
  if (!helpful) feedback.reason = FeedbackReason::kOutdated;
  return feedback;
}

inline core::Result<Feedback> AddFeedback(Store& store, const OrganisationId& org,
                                          const Feedback& feedback) {
  return WriteValue<Feedback>(store, [&](WriteTx& tx) { return tx.feedback().Add(org, feedback); });
}

inline core::Status RecordView(Store& store, const OrganisationId& org, const ArticleId& id,
                               std::string_view day, bool from_public) {
  return store.Write(
      [&](WriteTx& tx) { return tx.feedback().RecordView(org, id, day, from_public); });
}

inline Attachment MakeAttachment(const AttachmentId& id, std::optional<ArticleId> article,
                                 std::string sha256) {
  Attachment attachment;
  attachment.id = id;
  attachment.article_id = std::move(article);
  attachment.filename = "diagram.png";
  attachment.content_type = "image/png";
  attachment.size = 2048;
  attachment.sha256 = std::move(sha256);
  return attachment;
}

inline core::Result<Attachment> CreateAttachment(Store& store, const OrganisationId& org,
                                                 const Attachment& attachment) {
  return WriteValue<Attachment>(
      store, [&](WriteTx& tx) { return tx.attachments().Create(org, attachment); });
}

}  // namespace rapport::store::testing
