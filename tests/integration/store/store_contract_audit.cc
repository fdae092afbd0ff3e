// Audit log part of the store contract: append order, filters, pagination, isolation and
// rollback. That the log refuses updates and deletes in the database itself is
// adapter-specific and tested beside each adapter.

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;

AuditEntry MakeEntry(const OrganisationId& org, std::string action, const std::string& actor_id,
                     core::TimePoint at) {
  return AuditEntry{.org_id = org,
                    .at = at,
                    .actor_id = actor_id,
                    .actor_label = actor_id.empty() ? "system" : actor_id + "@example.com",
                    .action = std::move(action),
                    .target = "people",
                    .detail = R"({"rows":12})",
                    .remote_address = "198.51.100.4"};
}

AuditFilter Filter(std::string action, std::string actor_id = {}) {
  AuditFilter filter;
  filter.action = std::move(action);
  filter.actor_id = std::move(actor_id);
  return filter;
}

core::Result<AuditEntry> Append(Store& store, const AuditEntry& entry) {
  return WriteValue<AuditEntry>(store, [&](WriteTx& tx) { return tx.audit().Append(entry); });
}

core::Result<Page<AuditEntry>> ListAudit(Store& store, const OrganisationId& org,
                                         const AuditFilter& filter, const PageRequest& page) {
  return ReadValue<Page<AuditEntry>>(
      store, [&](ReadTx& tx) { return tx.audit().List(org, filter, page); });
}

// The actions of every entry matching `filter`, following cursors.
core::Result<std::vector<std::string>> ListActions(Store& store, const OrganisationId& org,
                                                   const AuditFilter& filter, int limit = 2) {
  std::vector<std::string> actions;
  PageRequest request{.limit = limit};
  do {
    RAPPORT_ASSIGN_OR_RETURN(auto page, ListAudit(store, org, filter, request));
    for (const AuditEntry& entry : page.items) actions.push_back(entry.action);
    request.cursor = page.next_cursor;
  } while (!request.cursor.empty());
  return actions;
}

TEST_P(StoreContractTest, AuditAppendAssignsIncreasingSeqAndStoresTheEntry) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  AuditEntry entry = MakeEntry(org, "auth.login", "u1", clock_.Now());
  entry.seq = 999;  // ignored
  auto first = Append(*store, entry);
  CONTRACT_ASSERT_OK(first);
  auto second = Append(*store, MakeEntry(other, "auth.login", "u2", clock_.Now()));
  CONTRACT_ASSERT_OK(second);
  auto third = Append(*store, MakeEntry(org, "auth.logout", "u1", clock_.Now()));
  CONTRACT_ASSERT_OK(third);
  EXPECT_GT(first->seq, 0);
  EXPECT_LT(first->seq, second->seq);  // increasing across the installation
  EXPECT_LT(second->seq, third->seq);
  entry.seq = first->seq;
  EXPECT_EQ(*first, entry);
  auto page = ListAudit(*store, org, {}, {.limit = 10});
  CONTRACT_ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0], *third);  // newest first
  EXPECT_EQ(page->items[1], *first);
  EXPECT_TRUE(page->next_cursor.empty());
}

TEST_P(StoreContractTest, AuditListPaginatesNewestFirstAndIgnoresLaterAppends) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  for (int i = 0; i < 5; ++i) {
    CONTRACT_ASSERT_OK(Append(*store, MakeEntry(org, "e" + std::to_string(i), "", clock_.Now())));
  }
  auto first = ListAudit(*store, org, {}, {.limit = 2});
  CONTRACT_ASSERT_OK(first);
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].action, "e4");
  // Entries appended while paging belong before the first page, not in the following ones.
  CONTRACT_ASSERT_OK(Append(*store, MakeEntry(org, "late", "", clock_.Now())));
  std::vector<std::string> rest;
  PageRequest request{.limit = 2, .cursor = first->next_cursor};
  std::vector<std::size_t> sizes;
  do {
    auto page = ListAudit(*store, org, {}, request);
    CONTRACT_ASSERT_OK(page);
    sizes.push_back(page->items.size());
    for (const AuditEntry& entry : page->items) rest.push_back(entry.action);
    request.cursor = page->next_cursor;
  } while (!request.cursor.empty());
  EXPECT_EQ(rest, (std::vector<std::string>{"e2", "e1", "e0"}));
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 1}));
}

TEST_P(StoreContractTest, AuditFiltersByExactActionFamilyAndActor) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  for (const auto& [action, actor] :
       std::vector<std::pair<std::string, std::string>>{{"auth.login", "u1"},
                                                        {"auth.login_failed", ""},
                                                        {"authz.denied", "u1"},
                                                        {"auth", "u2"},
                                                        {"people.import", "u2"},
                                                        {"auth.token.created", "u2"}}) {
    CONTRACT_ASSERT_OK(Append(*store, MakeEntry(org, action, actor, clock_.Now())));
  }
  CONTRACT_ASSERT_OK(Append(*store, MakeEntry(other, "auth.login", "u1", clock_.Now())));
  using Actions = std::vector<std::string>;
  const auto actions = [&](const AuditFilter& filter) {
    auto listed = ListActions(*store, org, filter);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(Actions{});
  };
  EXPECT_EQ(actions(Filter("auth.login")), (Actions{"auth.login"}));
  EXPECT_EQ(actions(Filter("auth.")),
            (Actions{"auth.token.created", "auth.login_failed", "auth.login"}));
  EXPECT_EQ(actions(Filter("auth.token.")), (Actions{"auth.token.created"}));
  EXPECT_EQ(actions(Filter("auth")), (Actions{"auth"}));
  EXPECT_EQ(actions(Filter("auth%")), Actions{});
  EXPECT_EQ(actions(Filter("", "u1")), (Actions{"authz.denied", "auth.login"}));
  EXPECT_EQ(actions(Filter("auth.", "u2")), (Actions{"auth.token.created"}));
  EXPECT_EQ(actions({}).size(), 6u);
}

TEST_P(StoreContractTest, AuditOfAnotherOrganisationIsInvisible) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  CONTRACT_ASSERT_OK(Append(*store, MakeEntry(org, "auth.login", "u1", clock_.Now())));
  auto theirs = ListAudit(*store, other, {}, {.limit = 10});
  CONTRACT_ASSERT_OK(theirs);
  EXPECT_TRUE(theirs->items.empty());
  EXPECT_TRUE(theirs->next_cursor.empty());
}

TEST_P(StoreContractTest, AuditListRejectsBadLimitsAndCursors) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  for (const PageRequest& bad : {PageRequest{.limit = 0}, PageRequest{.limit = kMaxPageLimit + 1},
                                 PageRequest{.limit = 5, .cursor = "garbage"},
                                 PageRequest{.limit = 5, .cursor = EncodeCursor("12x")},
                                 PageRequest{.limit = 5, .cursor = EncodeCursor("-3")},
                                 PageRequest{.limit = 5, .cursor = EncodeCursor("0")}}) {
    auto page = ListAudit(*store, org, {}, bad);
    ASSERT_EQ(CodeOf(page), ErrorCode::kInvalidArgument) << bad.limit << " " << bad.cursor;
    EXPECT_EQ(page.error().field(), bad.limit == 5 ? "cursor" : "limit");
  }
}

TEST_P(StoreContractTest, AuditEntriesOfAFailedWriteAreRolledBack) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  auto status = store->Write([&](WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.audit().Append(MakeEntry(org, "people.import", "u1", clock_.Now())));
    return core::Unprocessable("import failed");
  });
  ASSERT_EQ(CodeOf(status), ErrorCode::kUnprocessable);
  auto page = ListAudit(*store, org, {}, {.limit = 10});
  CONTRACT_ASSERT_OK(page);
  EXPECT_TRUE(page->items.empty());
}

}  // namespace
}  // namespace rapport::store::testing
