#include "rapport/store/migrations.h"

#include <array>

namespace rapport::store {
namespace {

// Append only; never renumber, rename or remove an entry that has shipped.
constexpr std::array kMigrations = {
    MigrationInfo{1, "create_organisations"},
    MigrationInfo{2, "create_directory_and_access"},
    MigrationInfo{3, "create_knowledge_base"},
    MigrationInfo{4, "create_search"},
};

}  // namespace

std::span<const MigrationInfo> KnownMigrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations.back().version; }

}  // namespace rapport::store
