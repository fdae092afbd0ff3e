// Access part of the store contract: users, sessions, API tokens and single-use links, with
// tenant isolation for every method that takes an organisation.

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;
using std::chrono::hours;

User MakeUser(const OrganisationId& org, const UserId& id, std::string email) {
  // Built field by field: the port's structs leave optional fields without initialisers,
  // which designated initialisers would have to spell out.
  User user;
  user.id = id;
  user.org_id = org;
  user.email = std::move(email);
  user.name = "Someone";
  user.role = "employee";
  user.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
  return user;
}

core::Result<User> CreateUser(Store& store, const User& user) {
  return WriteValue<User>(store, [&](WriteTx& tx) { return tx.users().Create(user); });
}

core::Result<User> GetUser(Store& store, const OrganisationId& org, const UserId& id) {
  return ReadValue<User>(store, [&](ReadTx& tx) { return tx.users().Get(org, id); });
}

core::Result<ApiToken> GetToken(Store& store, const OrganisationId& org, const ApiTokenId& id) {
  return ReadValue<ApiToken>(store, [&](ReadTx& tx) { return tx.api_tokens().Get(org, id); });
}

std::vector<std::string> Names(const std::vector<ApiToken>& tokens) {
  std::vector<std::string> names;
  names.reserve(tokens.size());
  for (const ApiToken& token : tokens) names.push_back(token.name);
  return names;
}

// Opens the store with organisations `org` and `other` and one user in each.
#define ACCESS_SETUP()                                                      \
  CONTRACT_SETUP_TWO_ORGANISATIONS();                                       \
  const User alice = MakeUser(org, ids_.New<UserTag>(), "alice@a.example"); \
  const User bob = MakeUser(other, ids_.New<UserTag>(), "bob@b.example");   \
  CONTRACT_ASSERT_OK(CreateUser(*store, alice));                            \
  CONTRACT_ASSERT_OK(CreateUser(*store, bob))

TEST_P(StoreContractTest, UserIsStoredAndFoundByIdAndEmail) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Person person = MakePerson(ids_.New<PersonTag>(), "E1", "Carol");
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person));
  User carol = MakeUser(org, ids_.New<UserTag>(), "carol@a.example");
  carol.person_id = person.id;
  carol.role = "hr";
  carol.disabled = true;
  carol.password_changed_at = clock_.Now() - hours(2);
  clock_.Advance(std::chrono::seconds(3));
  auto created = CreateUser(*store, carol);
  CONTRACT_ASSERT_OK(created);
  carol.created_at = clock_.Now();
  EXPECT_EQ(*created, carol);
  auto by_id = GetUser(*store, org, carol.id);
  CONTRACT_ASSERT_OK(by_id);
  EXPECT_EQ(*by_id, carol);
  auto by_email =
      ReadValue<User>(*store, [](ReadTx& tx) { return tx.users().GetByEmail("carol@a.example"); });
  CONTRACT_ASSERT_OK(by_email);
  EXPECT_EQ(*by_email, carol);
  // E-mails compare exactly: the caller lower-cases them.
  EXPECT_EQ(CodeOf(ReadValue<User>(
                *store, [](ReadTx& tx) { return tx.users().GetByEmail("Carol@a.example"); })),
            ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, UsersAreListedByEmailWithinTheirOrganisation) {
  ACCESS_SETUP();
  CONTRACT_ASSERT_OK(CreateUser(*store, MakeUser(org, ids_.New<UserTag>(), "zed@a.example")));
  CONTRACT_ASSERT_OK(CreateUser(*store, MakeUser(org, ids_.New<UserTag>(), "adam@a.example")));
  auto all =
      ReadValue<std::vector<User>>(*store, [&](ReadTx& tx) { return tx.users().ListAll(org); });
  CONTRACT_ASSERT_OK(all);
  std::vector<std::string> emails;
  for (const User& user : *all) emails.push_back(user.email);
  EXPECT_EQ(emails,
            (std::vector<std::string>{"adam@a.example", "alice@a.example", "zed@a.example"}));
}

TEST_P(StoreContractTest, UserEmailsAreUniqueAcrossTheInstallation) {
  ACCESS_SETUP();
  auto twin = CreateUser(*store, MakeUser(other, ids_.New<UserTag>(), "alice@a.example"));
  ASSERT_EQ(CodeOf(twin), ErrorCode::kConflict);
  EXPECT_NE(twin.error().message().find("alice@a.example"), std::string::npos);
  EXPECT_EQ(CodeOf(CreateUser(*store, MakeUser(org, alice.id, "new@a.example"))),
            ErrorCode::kConflict);
  // Update cannot take another user's e-mail, but may keep its own.
  User renamed = bob;
  renamed.email = "alice@a.example";
  EXPECT_EQ(
      CodeOf(WriteValue<User>(*store, [&](WriteTx& tx) { return tx.users().Update(renamed); })),
      ErrorCode::kConflict);
  User same = alice;
  same.name = "Alice A.";
  CONTRACT_ASSERT_OK(
      WriteValue<User>(*store, [&](WriteTx& tx) { return tx.users().Update(same); }));
}

TEST_P(StoreContractTest, UserUpdateReplacesFieldsButCreationTime) {
  ACCESS_SETUP();
  auto stored_alice = GetUser(*store, org, alice.id);
  CONTRACT_ASSERT_OK(stored_alice);
  const Person person = MakePerson(ids_.New<PersonTag>(), "E1", "Alice");
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person));
  clock_.Advance(hours(1));
  User changed = alice;
  changed.email = "alice.new@a.example";
  changed.name = "Alice New";
  changed.role = "admin";
  changed.person_id = person.id;
  changed.password_hash = "$argon2id$new";
  changed.disabled = true;
  changed.password_changed_at = clock_.Now();
  changed.created_at = clock_.Now();  // ignored
  auto updated = WriteValue<User>(*store, [&](WriteTx& tx) { return tx.users().Update(changed); });
  CONTRACT_ASSERT_OK(updated);
  auto got = GetUser(*store, org, alice.id);
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, *updated);
  changed.created_at = stored_alice->created_at;
  EXPECT_EQ(*got, changed);
}

TEST_P(StoreContractTest, UsersOfAnotherOrganisationAreInvisibleAndUntouchable) {
  ACCESS_SETUP();
  EXPECT_EQ(CodeOf(GetUser(*store, other, alice.id)), ErrorCode::kNotFound);
  auto theirs =
      ReadValue<std::vector<User>>(*store, [&](ReadTx& tx) { return tx.users().ListAll(other); });
  CONTRACT_ASSERT_OK(theirs);
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_EQ(theirs->front().id, bob.id);
  User hijacked = alice;
  hijacked.org_id = other;
  hijacked.role = "owner";
  EXPECT_EQ(
      CodeOf(WriteValue<User>(*store, [&](WriteTx& tx) { return tx.users().Update(hijacked); })),
      ErrorCode::kNotFound);
  auto unchanged = GetUser(*store, org, alice.id);
  CONTRACT_ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged->role, "employee");
  // A user's person must be a person of the user's organisation.
  const Person theirs_person = MakePerson(ids_.New<PersonTag>(), "B1", "Bob");
  CONTRACT_ASSERT_OK(CreatePerson(*store, other, theirs_person));
  User linked = alice;
  linked.person_id = theirs_person.id;
  auto refused = WriteValue<User>(*store, [&](WriteTx& tx) { return tx.users().Update(linked); });
  EXPECT_EQ(CodeOf(refused), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(refused), "person_id");
}

Session MakeSession(const User& user, std::string hash, core::TimePoint now) {
  return Session{.token_hash = std::move(hash),
                 .org_id = user.org_id,
                 .user_id = user.id,
                 .created_at = now,
                 .last_seen_at = now,
                 .expires_at = now + hours(12),
                 .remote_address = "192.0.2.7"};
}

core::Result<Session> GetSession(Store& store, std::string_view hash) {
  return ReadValue<Session>(store, [&](ReadTx& tx) { return tx.sessions().GetByHash(hash); });
}

TEST_P(StoreContractTest, SessionsAreCreatedTouchedAndDeleted) {
  ACCESS_SETUP();
  const Session session = MakeSession(alice, "hash-1", clock_.Now());
  CONTRACT_ASSERT_OK(store->Write([&](WriteTx& tx) { return tx.sessions().Create(session); }));
  auto got = GetSession(*store, "hash-1");
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, session);
  EXPECT_EQ(CodeOf(store->Write([&](WriteTx& tx) { return tx.sessions().Create(session); })),
            ErrorCode::kConflict);

  const core::TimePoint later = clock_.Now() + hours(1);
  CONTRACT_ASSERT_OK(
      store->Write([&](WriteTx& tx) { return tx.sessions().Touch("hash-1", later); }));
  got = GetSession(*store, "hash-1");
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(got->last_seen_at, later);
  EXPECT_EQ(got->created_at, session.created_at);
  EXPECT_EQ(CodeOf(store->Write([&](WriteTx& tx) { return tx.sessions().Touch("absent", later); })),
            ErrorCode::kNotFound);

  CONTRACT_ASSERT_OK(store->Write([&](WriteTx& tx) { return tx.sessions().Delete("hash-1"); }));
  EXPECT_EQ(CodeOf(GetSession(*store, "hash-1")), ErrorCode::kNotFound);
  // Signing out twice is fine.
  CONTRACT_ASSERT_OK(store->Write([&](WriteTx& tx) { return tx.sessions().Delete("hash-1"); }));
}

TEST_P(StoreContractTest, SessionUserMustBelongToTheSessionsOrganisation) {
  ACCESS_SETUP();
  Session session = MakeSession(alice, "hash-1", clock_.Now());
  session.org_id = other;
  auto status = store->Write([&](WriteTx& tx) { return tx.sessions().Create(session); });
  EXPECT_EQ(CodeOf(status), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(status), "user_id");
}

TEST_P(StoreContractTest, DeleteForUserRevokesOnlyThatUsersSessions) {
  ACCESS_SETUP();
  const User carol = MakeUser(org, ids_.New<UserTag>(), "carol@a.example");
  CONTRACT_ASSERT_OK(CreateUser(*store, carol));
  CONTRACT_ASSERT_OK(store->Write([&](WriteTx& tx) -> core::Status {
    for (const char* hash : {"a1", "a2"}) {
      RAPPORT_RETURN_IF_ERROR(tx.sessions().Create(MakeSession(alice, hash, clock_.Now())));
    }
    RAPPORT_RETURN_IF_ERROR(tx.sessions().Create(MakeSession(carol, "c1", clock_.Now())));
    return tx.sessions().Create(MakeSession(bob, "b1", clock_.Now()));
  }));
  // Through another organisation, alice has no sessions.
  auto none = WriteValue<int>(
      *store, [&](WriteTx& tx) { return tx.sessions().DeleteForUser(other, alice.id); });
  CONTRACT_ASSERT_OK(none);
  EXPECT_EQ(*none, 0);
  CONTRACT_ASSERT_OK(GetSession(*store, "a1"));
  auto deleted = WriteValue<int>(
      *store, [&](WriteTx& tx) { return tx.sessions().DeleteForUser(org, alice.id); });
  CONTRACT_ASSERT_OK(deleted);
  EXPECT_EQ(*deleted, 2);
  EXPECT_EQ(CodeOf(GetSession(*store, "a1")), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(GetSession(*store, "a2")), ErrorCode::kNotFound);
  CONTRACT_ASSERT_OK(GetSession(*store, "c1"));
  CONTRACT_ASSERT_OK(GetSession(*store, "b1"));
}

TEST_P(StoreContractTest, DeleteExpiredRemovesSessionsPastTheirAbsoluteExpiry) {
  ACCESS_SETUP();
  const core::TimePoint now = clock_.Now();
  CONTRACT_ASSERT_OK(store->Write([&](WriteTx& tx) -> core::Status {
    Session old = MakeSession(alice, "old", now - hours(24));    // expired 12 hours ago
    Session edge = MakeSession(alice, "edge", now - hours(12));  // expires exactly now
    Session fresh = MakeSession(bob, "fresh", now);
    for (const Session& session : {old, edge, fresh}) {
      RAPPORT_RETURN_IF_ERROR(tx.sessions().Create(session));
    }
    return core::Ok();
  }));
  auto removed =
      WriteValue<int>(*store, [&](WriteTx& tx) { return tx.sessions().DeleteExpired(now); });
  CONTRACT_ASSERT_OK(removed);
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(CodeOf(GetSession(*store, "old")), ErrorCode::kNotFound);
  CONTRACT_ASSERT_OK(GetSession(*store, "edge"));
  CONTRACT_ASSERT_OK(GetSession(*store, "fresh"));
}

ApiToken MakeToken(const User& user, const ApiTokenId& id, const std::string& name) {
  ApiToken token;
  token.id = id;
  token.org_id = user.org_id;
  token.user_id = user.id;
  token.name = name;
  token.token_hash = "hash-" + name;
  token.scopes = {"people:read", "surveys:write"};
  return token;
}

TEST_P(StoreContractTest, ApiTokensAreStoredAndListedNewestFirst) {
  ACCESS_SETUP();
  const User carol = MakeUser(org, ids_.New<UserTag>(), "carol@a.example");
  CONTRACT_ASSERT_OK(CreateUser(*store, carol));
  ApiToken first = MakeToken(alice, ids_.New<ApiTokenTag>(), "first");
  first.expires_at = clock_.Now() + hours(24 * 90);
  auto created =
      WriteValue<ApiToken>(*store, [&](WriteTx& tx) { return tx.api_tokens().Create(first); });
  CONTRACT_ASSERT_OK(created);
  first.created_at = clock_.Now();
  EXPECT_EQ(*created, first);
  EXPECT_FALSE(created->last_used_at.has_value());
  EXPECT_FALSE(created->revoked_at.has_value());
  clock_.Advance(std::chrono::seconds(1));
  ApiToken second = MakeToken(carol, ids_.New<ApiTokenTag>(), "second");
  second.scopes.clear();
  CONTRACT_ASSERT_OK(
      WriteValue<ApiToken>(*store, [&](WriteTx& tx) { return tx.api_tokens().Create(second); }));
  clock_.Advance(std::chrono::seconds(1));
  CONTRACT_ASSERT_OK(WriteValue<ApiToken>(*store, [&](WriteTx& tx) {
    return tx.api_tokens().Create(MakeToken(alice, ids_.New<ApiTokenTag>(), "third"));
  }));

  auto by_hash = ReadValue<ApiToken>(
      *store, [](ReadTx& tx) { return tx.api_tokens().GetByHash("hash-first"); });
  CONTRACT_ASSERT_OK(by_hash);
  EXPECT_EQ(*by_hash, first);
  auto got_second = GetToken(*store, org, second.id);
  CONTRACT_ASSERT_OK(got_second);
  EXPECT_TRUE(got_second->scopes.empty());
  const auto list = [&](const OrganisationId& in, std::optional<UserId> user) {
    return ReadValue<std::vector<ApiToken>>(
        *store, [&](ReadTx& tx) { return tx.api_tokens().List(in, user); });
  };
  auto all = list(org, std::nullopt);
  CONTRACT_ASSERT_OK(all);
  EXPECT_EQ(Names(*all), (std::vector<std::string>{"third", "second", "first"}));
  auto alices = list(org, alice.id);
  CONTRACT_ASSERT_OK(alices);
  EXPECT_EQ(Names(*alices), (std::vector<std::string>{"third", "first"}));
  auto elsewhere = list(other, std::nullopt);
  CONTRACT_ASSERT_OK(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
  auto alices_elsewhere = list(other, alice.id);
  CONTRACT_ASSERT_OK(alices_elsewhere);
  EXPECT_TRUE(alices_elsewhere->empty());
}

TEST_P(StoreContractTest, ApiTokenHashesAndIdsAreUniqueAndScopesMustBeWords) {
  ACCESS_SETUP();
  const ApiToken token = MakeToken(alice, ids_.New<ApiTokenTag>(), "t");
  const auto create = [&](const ApiToken& t) {
    return WriteValue<ApiToken>(*store, [&](WriteTx& tx) { return tx.api_tokens().Create(t); });
  };
  CONTRACT_ASSERT_OK(create(token));
  ApiToken same_hash = MakeToken(alice, ids_.New<ApiTokenTag>(), "t");
  EXPECT_EQ(CodeOf(create(same_hash)), ErrorCode::kConflict);
  ApiToken same_id = MakeToken(alice, token.id, "u");
  EXPECT_EQ(CodeOf(create(same_id)), ErrorCode::kConflict);
  ApiToken spaced = MakeToken(alice, ids_.New<ApiTokenTag>(), "v");
  spaced.scopes = {"people read"};
  EXPECT_EQ(FieldOf(create(spaced)), "scopes");
  ApiToken foreign_user = MakeToken(alice, ids_.New<ApiTokenTag>(), "w");
  foreign_user.org_id = other;
  EXPECT_EQ(FieldOf(create(foreign_user)), "user_id");
}

TEST_P(StoreContractTest, ApiTokenUseAndRevocationStayInTheirOrganisation) {
  ACCESS_SETUP();
  const ApiToken token = MakeToken(alice, ids_.New<ApiTokenTag>(), "t");
  CONTRACT_ASSERT_OK(
      WriteValue<ApiToken>(*store, [&](WriteTx& tx) { return tx.api_tokens().Create(token); }));
  const core::TimePoint used = clock_.Now() + hours(1);
  const core::TimePoint revoked = clock_.Now() + hours(2);
  EXPECT_EQ(CodeOf(GetToken(*store, other, token.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(store->Write(
                [&](WriteTx& tx) { return tx.api_tokens().MarkUsed(other, token.id, used); })),
            ErrorCode::kNotFound);
  EXPECT_EQ(
      CodeOf(WriteValue<ApiToken>(
          *store, [&](WriteTx& tx) { return tx.api_tokens().Revoke(other, token.id, revoked); })),
      ErrorCode::kNotFound);
  auto untouched = GetToken(*store, org, token.id);
  CONTRACT_ASSERT_OK(untouched);
  EXPECT_FALSE(untouched->last_used_at.has_value());
  EXPECT_FALSE(untouched->revoked_at.has_value());

  CONTRACT_ASSERT_OK(
      store->Write([&](WriteTx& tx) { return tx.api_tokens().MarkUsed(org, token.id, used); }));
  auto first = WriteValue<ApiToken>(
      *store, [&](WriteTx& tx) { return tx.api_tokens().Revoke(org, token.id, revoked); });
  CONTRACT_ASSERT_OK(first);
  EXPECT_EQ(first->last_used_at, used);
  EXPECT_EQ(first->revoked_at, revoked);
  // Revoking again keeps the first time.
  auto again = WriteValue<ApiToken>(*store, [&](WriteTx& tx) {
    return tx.api_tokens().Revoke(org, token.id, revoked + hours(1));
  });
  CONTRACT_ASSERT_OK(again);
  EXPECT_EQ(again->revoked_at, revoked);
  auto got = GetToken(*store, org, token.id);
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, *again);
  EXPECT_EQ(CodeOf(store->Write([&](WriteTx& tx) {
              return tx.api_tokens().MarkUsed(org, ids_.New<ApiTokenTag>(), used);
            })),
            ErrorCode::kNotFound);
}

UserLink MakeLink(const User& user, std::string hash, core::TimePoint now) {
  UserLink link;
  link.token_hash = std::move(hash);
  link.org_id = user.org_id;
  link.user_id = user.id;
  link.purpose = LinkPurpose::kPasswordReset;
  link.created_by = user.id;
  link.created_at = now;
  link.expires_at = now + hours(1);
  return link;
}

core::Result<UserLink> GetLink(Store& store, std::string_view hash) {
  return WriteValue<UserLink>(store, [&](WriteTx& tx) { return tx.user_links().GetByHash(hash); });
}

TEST_P(StoreContractTest, UserLinksAreSingleUse) {
  ACCESS_SETUP();
  const UserLink link = MakeLink(alice, "link-1", clock_.Now());
  CONTRACT_ASSERT_OK(store->Write([&](WriteTx& tx) { return tx.user_links().Create(link); }));
  auto got = GetLink(*store, "link-1");
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, link);
  EXPECT_EQ(CodeOf(store->Write([&](WriteTx& tx) { return tx.user_links().Create(link); })),
            ErrorCode::kConflict);

  const core::TimePoint used = clock_.Now() + std::chrono::minutes(5);
  CONTRACT_ASSERT_OK(
      store->Write([&](WriteTx& tx) { return tx.user_links().MarkUsed("link-1", used); }));
  auto second = store->Write([&](WriteTx& tx) {
    return tx.user_links().MarkUsed("link-1", used + std::chrono::minutes(1));
  });
  EXPECT_EQ(CodeOf(second), ErrorCode::kConflict);
  got = GetLink(*store, "link-1");
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(got->used_at, used);
  EXPECT_EQ(
      CodeOf(store->Write([&](WriteTx& tx) { return tx.user_links().MarkUsed("absent", used); })),
      ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(GetLink(*store, "absent")), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, UserLinkInvitationRoundTripsAndNeedsAUserOfItsOrganisation) {
  ACCESS_SETUP();
  UserLink invitation = MakeLink(alice, "invite", clock_.Now());
  invitation.purpose = LinkPurpose::kInvitation;
  CONTRACT_ASSERT_OK(store->Write([&](WriteTx& tx) { return tx.user_links().Create(invitation); }));
  auto got = GetLink(*store, "invite");
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(got->purpose, LinkPurpose::kInvitation);
  UserLink foreign = MakeLink(alice, "foreign", clock_.Now());
  foreign.org_id = other;
  auto refused = store->Write([&](WriteTx& tx) { return tx.user_links().Create(foreign); });
  EXPECT_EQ(CodeOf(refused), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(refused), "user_id");
}

TEST_P(StoreContractTest, ConcurrentRedemptionsOfALinkSucceedOnce) {
  ACCESS_SETUP();
  CONTRACT_ASSERT_OK(store->Write(
      [&](WriteTx& tx) { return tx.user_links().Create(MakeLink(alice, "race", clock_.Now())); }));
  constexpr int kThreads = 8;
  std::atomic<int> ok{0};
  std::atomic<int> conflicts{0};
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      auto status =
          store->Write([&](WriteTx& tx) { return tx.user_links().MarkUsed("race", clock_.Now()); });
      if (status) {
        ++ok;
      } else if (status.error().code() == ErrorCode::kConflict) {
        ++conflicts;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflicts.load(), kThreads - 1);
}

}  // namespace
}  // namespace rapport::store::testing
