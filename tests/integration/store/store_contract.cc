// Single-threaded part of the store contract: migrations, organisations, transactions,
// persistence and damaged files. Concurrency is in store_contract_concurrency.cc.

#include "store_contract.h"

#include <optional>
#include <stdexcept>

#include "rapport/store/migrations.h"

namespace rapport::store::testing {

using core::ErrorCode;

NewOrganisation MakeNewOrganisation(const OrganisationId& id, std::string slug) {
  return {.id = id, .slug = slug, .name = "Org " + slug, .time_zone = "Europe/Paris"};
}

core::Result<Organisation> CreateOrganisation(Store& store, const NewOrganisation& org) {
  return WriteValue<Organisation>(store,
                                  [&](WriteTx& tx) { return tx.organisations().Create(org); });
}

core::Result<Organisation> GetOrganisation(Store& store, const OrganisationId& id) {
  return ReadValue<Organisation>(store, [&](ReadTx& tx) { return tx.organisations().Get(id); });
}

core::Result<std::vector<Organisation>> ListAllOrganisations(Store& store, int page_limit) {
  std::vector<Organisation> all;
  PageRequest request{.limit = page_limit};
  do {
    RAPPORT_ASSIGN_OR_RETURN(auto page, ReadValue<Page<Organisation>>(store, [&](ReadTx& tx) {
                               return tx.organisations().List(request);
                             }));
    all.insert(all.end(), page.items.begin(), page.items.end());
    request.cursor = page.next_cursor;
  } while (!request.cursor.empty());
  return all;
}

std::string StoreContractParamName(const ::testing::TestParamInfo<StoreContractParam>& info) {
  return info.param.name;
}

void StoreContractTest::SetUp() { harness_ = GetParam().make_harness(clock_); }

std::unique_ptr<Store> StoreContractTest::OpenMigrated() {
  auto store = harness_->Open();
  EXPECT_TRUE(store.has_value()) << store.error().ToString();
  if (!store) return nullptr;
  auto migrated = (*store)->Migrate();
  EXPECT_TRUE(migrated.has_value()) << migrated.error().ToString();
  return std::move(*store);
}

namespace {

template <typename R>
std::optional<ErrorCode> CodeOf(const R& result) {
  if (result.has_value()) return std::nullopt;
  return result.error().code();
}

#define ASSERT_OK(expr)                                                               \
  do {                                                                                \
    auto&& contract_result_ = (expr);                                                 \
    ASSERT_TRUE(contract_result_.has_value()) << contract_result_.error().ToString(); \
  } while (false)

TEST_P(StoreContractTest, FreshDatabaseHasSchemaVersionZero) {
  auto store = harness_->Open();
  ASSERT_OK(store);
  auto version = (*store)->SchemaVersion();
  ASSERT_OK(version);
  EXPECT_EQ(*version, 0);
}

TEST_P(StoreContractTest, MigrateBringsSchemaToLatestAndIsIdempotent) {
  auto store = harness_->Open();
  ASSERT_OK(store);
  ASSERT_OK((*store)->Migrate());
  ASSERT_OK((*store)->Migrate());
  auto version = (*store)->SchemaVersion();
  ASSERT_OK(version);
  EXPECT_EQ(*version, LatestSchemaVersion());
}

TEST_P(StoreContractTest, MigrationsInsertNoOrganisations) {
  auto store = OpenMigrated();
  auto all = ListAllOrganisations(*store, 10);
  ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
}

TEST_P(StoreContractTest, RefusesToOpenDatabaseWithNewerSchema) {
  OpenMigrated().reset();
  harness_->SimulateNewerSchema(LatestSchemaVersion() + 1);
  auto store = harness_->Open();
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message().find("newer"), std::string::npos) << store.error().message();
}

TEST_P(StoreContractTest, PingSucceedsOnHealthyStore) {
  auto store = OpenMigrated();
  ASSERT_OK(store->Ping());
}

TEST_P(StoreContractTest, CreatedOrganisationCanBeReadBackByIdAndSlug) {
  auto store = OpenMigrated();
  const OrganisationId id = ids_.New<OrganisationTag>();
  auto created = CreateOrganisation(*store, MakeNewOrganisation(id, "acme"));
  ASSERT_OK(created);
  EXPECT_EQ(created->id, id);
  EXPECT_EQ(created->slug, "acme");
  EXPECT_EQ(created->name, "Org acme");
  EXPECT_EQ(created->time_zone, "Europe/Paris");
  EXPECT_EQ(created->created_at, clock_.Now());

  auto by_id = GetOrganisation(*store, id);
  ASSERT_OK(by_id);
  EXPECT_EQ(*by_id, *created);
  auto by_slug = ReadValue<Organisation>(
      *store, [](ReadTx& tx) { return tx.organisations().GetBySlug("acme"); });
  ASSERT_OK(by_slug);
  EXPECT_EQ(*by_slug, *created);
}

TEST_P(StoreContractTest, StoresTextExactly) {
  auto store = OpenMigrated();
  NewOrganisation org = MakeNewOrganisation(ids_.New<OrganisationTag>(), "weird");
  org.name = "Ça va? 'quotes' \"double\" ; DROP TABLE organisations; -- 日本";
  ASSERT_OK(CreateOrganisation(*store, org));
  auto got = GetOrganisation(*store, org.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->name, org.name);
}

TEST_P(StoreContractTest, UnknownIdOrSlugIsNotFound) {
  auto store = OpenMigrated();
  auto by_id = GetOrganisation(*store, ids_.New<OrganisationTag>());
  ASSERT_FALSE(by_id.has_value());
  EXPECT_EQ(by_id.error().code(), ErrorCode::kNotFound);
  auto by_slug = ReadValue<Organisation>(
      *store, [](ReadTx& tx) { return tx.organisations().GetBySlug("nobody"); });
  ASSERT_FALSE(by_slug.has_value());
  EXPECT_EQ(by_slug.error().code(), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, DuplicateSlugIsConflict) {
  auto store = OpenMigrated();
  ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(ids_.New<OrganisationTag>(), "acme")));
  auto again = CreateOrganisation(*store, MakeNewOrganisation(ids_.New<OrganisationTag>(), "acme"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  EXPECT_NE(again.error().message().find("acme"), std::string::npos);
}

TEST_P(StoreContractTest, DuplicateIdIsConflict) {
  auto store = OpenMigrated();
  const OrganisationId id = ids_.New<OrganisationTag>();
  ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(id, "one")));
  auto again = CreateOrganisation(*store, MakeNewOrganisation(id, "two"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
}

core::Result<Organisation> UpdateOrganisation(Store& store, const Organisation& org) {
  return WriteValue<Organisation>(store,
                                  [&](WriteTx& tx) { return tx.organisations().Update(org); });
}

TEST_P(StoreContractTest, UpdateReplacesNameAndTimeZoneOnly) {
  auto store = OpenMigrated();
  const OrganisationId id = ids_.New<OrganisationTag>();
  auto created = CreateOrganisation(*store, MakeNewOrganisation(id, "acme"));
  ASSERT_OK(created);
  clock_.Advance(std::chrono::hours(1));

  Organisation changed = *created;
  changed.name = "Acme Études";
  changed.time_zone = "America/Argentina/Buenos_Aires";
  // Slug and creation time are not the caller's to change: these are ignored.
  changed.slug = "renamed";
  changed.created_at = clock_.Now();
  auto updated = UpdateOrganisation(*store, changed);
  ASSERT_OK(updated);
  EXPECT_EQ(updated->name, "Acme Études");
  EXPECT_EQ(updated->time_zone, "America/Argentina/Buenos_Aires");
  EXPECT_EQ(updated->slug, "acme");
  EXPECT_EQ(updated->created_at, created->created_at);

  auto read_back = GetOrganisation(*store, id);
  ASSERT_OK(read_back);
  EXPECT_EQ(*read_back, *updated);
  auto by_slug = ReadValue<Organisation>(
      *store, [](ReadTx& tx) { return tx.organisations().GetBySlug("acme"); });
  ASSERT_OK(by_slug);
  EXPECT_EQ(*by_slug, *updated);
}

TEST_P(StoreContractTest, UpdateTouchesNoOtherOrganisation) {
  auto store = OpenMigrated();
  auto a = CreateOrganisation(*store, MakeNewOrganisation(ids_.New<OrganisationTag>(), "a"));
  auto b = CreateOrganisation(*store, MakeNewOrganisation(ids_.New<OrganisationTag>(), "b"));
  ASSERT_OK(a);
  ASSERT_OK(b);
  Organisation changed = *a;
  changed.name = "Changed";
  ASSERT_OK(UpdateOrganisation(*store, changed));
  auto other = GetOrganisation(*store, b->id);
  ASSERT_OK(other);
  EXPECT_EQ(*other, *b);
}

TEST_P(StoreContractTest, UpdateOfUnknownIdIsNotFound) {
  auto store = OpenMigrated();
  ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(ids_.New<OrganisationTag>(), "acme")));
  Organisation ghost{.id = ids_.New<OrganisationTag>(),
                     .slug = "ghost",
                     .name = "Ghost",
                     .time_zone = "UTC",
                     .created_at = clock_.Now()};
  auto updated = UpdateOrganisation(*store, ghost);
  ASSERT_FALSE(updated.has_value());
  EXPECT_EQ(updated.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(GetOrganisation(*store, ghost.id)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, RolledBackUpdateLeavesTheOldValues) {
  auto store = OpenMigrated();
  auto created =
      CreateOrganisation(*store, MakeNewOrganisation(ids_.New<OrganisationTag>(), "acme"));
  ASSERT_OK(created);
  auto status = store->Write([&](WriteTx& tx) -> core::Status {
    Organisation changed = *created;
    changed.name = "Never";
    changed.time_zone = "Asia/Tokyo";
    RAPPORT_ASSIGN_OR_RETURN(const Organisation seen, tx.organisations().Update(changed));
    if (seen.name != "Never") return core::Internal("update not visible in its transaction");
    return core::Unprocessable("changed my mind");
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), ErrorCode::kUnprocessable);
  auto after = GetOrganisation(*store, created->id);
  ASSERT_OK(after);
  EXPECT_EQ(*after, *created);
}

TEST_P(StoreContractTest, ListPaginatesInIdOrderWithoutGapsOrRepeats) {
  auto store = OpenMigrated();
  std::vector<OrganisationId> created;
  for (int i = 0; i < 7; ++i) {
    clock_.Advance(std::chrono::milliseconds(1));
    created.push_back(ids_.New<OrganisationTag>());
    ASSERT_OK(CreateOrganisation(*store,
                                 MakeNewOrganisation(created.back(), "org-" + std::to_string(i))));
  }
  std::vector<std::size_t> page_sizes;
  PageRequest request{.limit = 3};
  std::vector<OrganisationId> listed;
  do {
    auto page = ReadValue<Page<Organisation>>(
        *store, [&](ReadTx& tx) { return tx.organisations().List(request); });
    ASSERT_OK(page);
    page_sizes.push_back(page->items.size());
    for (const auto& org : page->items) listed.push_back(org.id);
    request.cursor = page->next_cursor;
  } while (!request.cursor.empty());
  EXPECT_EQ(page_sizes, (std::vector<std::size_t>{3, 3, 1}));
  EXPECT_EQ(listed, created);  // ids grow with time, and the list is in id order
}

TEST_P(StoreContractTest, ListOfExactlyOnePageHasNoNextCursor) {
  auto store = OpenMigrated();
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(CreateOrganisation(
        *store, MakeNewOrganisation(ids_.New<OrganisationTag>(), "org-" + std::to_string(i))));
  }
  auto page = ReadValue<Page<Organisation>>(
      *store, [](ReadTx& tx) { return tx.organisations().List({.limit = 3}); });
  ASSERT_OK(page);
  EXPECT_EQ(page->items.size(), 3u);
  EXPECT_TRUE(page->next_cursor.empty());
}

TEST_P(StoreContractTest, ListRejectsBadLimitAndForeignCursor) {
  auto store = OpenMigrated();
  for (const PageRequest& bad : {PageRequest{.limit = 0}, PageRequest{.limit = kMaxPageLimit + 1},
                                 PageRequest{.limit = 5, .cursor = "not-a-cursor"},
                                 PageRequest{.limit = 5, .cursor = EncodeCursor("x' OR 1=1")}}) {
    auto page = ReadValue<Page<Organisation>>(
        *store, [&](ReadTx& tx) { return tx.organisations().List(bad); });
    ASSERT_FALSE(page.has_value()) << bad.limit << " " << bad.cursor;
    EXPECT_EQ(page.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_FALSE(page.error().field().empty());
  }
}

TEST_P(StoreContractTest, WriteTransactionReadsItsOwnWrites) {
  auto store = OpenMigrated();
  const OrganisationId id = ids_.New<OrganisationTag>();
  ASSERT_OK(store->Write([&](WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(MakeNewOrganisation(id, "acme")));
    RAPPORT_RETURN_IF_ERROR(tx.organisations().Get(id));
    ReadTx& as_read = tx;  // a WriteTx serves wherever a ReadTx is expected
    RAPPORT_RETURN_IF_ERROR(as_read.organisations().GetBySlug("acme"));
    return core::Ok();
  }));
}

TEST_P(StoreContractTest, ErrorFromWriteFunctionRollsBackEverything) {
  auto store = OpenMigrated();
  const OrganisationId a = ids_.New<OrganisationTag>();
  const OrganisationId b = ids_.New<OrganisationTag>();
  auto status = store->Write([&](WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(MakeNewOrganisation(a, "a")));
    RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(MakeNewOrganisation(b, "b")));
    return core::Unprocessable("changed my mind");
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error(), core::Error(ErrorCode::kUnprocessable, "changed my mind"));
  auto all = ListAllOrganisations(*store, 10);
  ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
}

TEST_P(StoreContractTest, ConflictMidTransactionRollsBackEarlierWrites) {
  auto store = OpenMigrated();
  ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(ids_.New<OrganisationTag>(), "taken")));
  const OrganisationId fresh = ids_.New<OrganisationTag>();
  auto status = store->Write([&](WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(MakeNewOrganisation(fresh, "fresh")));
    RAPPORT_RETURN_IF_ERROR(
        tx.organisations().Create(MakeNewOrganisation(ids_.New<OrganisationTag>(), "taken")));
    return core::Ok();
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(CodeOf(GetOrganisation(*store, fresh)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, ExceptionInWriteRollsBackAndBecomesInternal) {
  auto store = OpenMigrated();
  const OrganisationId id = ids_.New<OrganisationTag>();
  auto status = store->Write([&](WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(MakeNewOrganisation(id, "acme")));
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
  EXPECT_NE(status.error().message().find("boom"), std::string::npos);
  EXPECT_EQ(CodeOf(GetOrganisation(*store, id)), ErrorCode::kNotFound);
  // The store is still usable afterwards.
  ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(id, "acme")));
}

TEST_P(StoreContractTest, ExceptionInReadBecomesInternal) {
  auto store = OpenMigrated();
  auto status = store->Read([](ReadTx&) -> core::Status { throw 42; });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), ErrorCode::kInternal);
  ASSERT_OK(store->Ping());
}

TEST_P(StoreContractTest, DataSurvivesClosingAndReopening) {
  const OrganisationId id = ids_.New<OrganisationTag>();
  {
    auto store = OpenMigrated();
    ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(id, "acme")));
  }
  auto reopened = harness_->Open();
  ASSERT_OK(reopened);
  auto version = (*reopened)->SchemaVersion();
  ASSERT_OK(version);
  EXPECT_EQ(*version, LatestSchemaVersion());
  auto got = GetOrganisation(**reopened, id);
  ASSERT_OK(got);
  EXPECT_EQ(got->slug, "acme");
}

TEST_P(StoreContractTest, CorruptDatabaseFailsCleanly) {
  OpenMigrated().reset();
  harness_->CorruptDatabase();
  auto store = harness_->Open();
  if (!store.has_value()) {
    EXPECT_NE(store.error().code(), ErrorCode::kNotFound);
    EXPECT_FALSE(store.error().message().empty());
    return;
  }
  auto ping = (*store)->Ping();
  ASSERT_FALSE(ping.has_value());
  EXPECT_FALSE(ping.error().message().empty());
}

}  // namespace
}  // namespace rapport::store::testing
