#pragma once

// The rules for an organisation's own settings, its display name and the IANA time zone that
// defines its days for reporting, and the audit detail of a change. Every check answers
// Unprocessable naming the field as the API spells it ("name", "time_zone").
//
// Time zones are checked twice: by shape ("UTC", or up to three segments such as
// "America/Argentina/Buenos_Aires"), and against the system time-zone database
// (/usr/share/zoneinfo, Debian's tzdata), where the name must be a compiled zone file inside
// the database. The shape alone already excludes every path trick ("..", absolute paths,
// empty segments); the lookup resolves links and refuses anything that leads outside the
// database. Without the database (a minimal container) the shape alone decides.
//
// Thread-safety: pure functions, apart from reading the time-zone database.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "rapport/core/error.h"
#include "rapport/store/organisation.h"

namespace rapport::directory {

inline constexpr std::size_t kMaxOrganisationNameBytes = 200;
inline constexpr std::size_t kMaxTimeZoneBytes = 64;
inline constexpr std::size_t kMaxTimeZoneSegments = 3;
inline constexpr std::string_view kSystemZoneInfo = "/usr/share/zoneinfo";

// Changes to an organisation's settings; an unset member leaves the setting as it is.
struct OrganisationPatch {
  std::optional<std::string> name;
  std::optional<std::string> time_zone;
};

// `name` without leading and trailing ASCII white space; Unprocessable (field "name") unless
// it is 1..kMaxOrganisationNameBytes bytes of valid UTF-8 without control characters (C0,
// DEL, C1).
core::Result<std::string> NormaliseOrganisationName(std::string_view name);

// True for "UTC" and for 1..kMaxTimeZoneSegments segments [A-Za-z][A-Za-z0-9_+-]* joined by
// '/', at most kMaxTimeZoneBytes bytes in all.
bool HasTimeZoneShape(std::string_view zone);

// `zone` trimmed of ASCII white space; Unprocessable (field "time_zone") unless it has the
// shape above and, when `zoneinfo_dir` is a directory, names a zone file in it ("UTC" is
// always accepted).
core::Result<std::string> NormaliseTimeZone(
    std::string_view zone, const std::filesystem::path& zoneinfo_dir = kSystemZoneInfo);

// `patch` with each present member normalised as above: the first invalid one is the error.
core::Result<OrganisationPatch> NormaliseOrganisationPatch(
    const OrganisationPatch& patch, const std::filesystem::path& zoneinfo_dir = kSystemZoneInfo);

// `org` with the present members of `patch` applied. REQUIRES: `patch` is normalised.
store::Organisation ApplyOrganisationPatch(store::Organisation org, const OrganisationPatch& patch);

// The audit detail of a settings change, only the settings that differ:
// {"changed":{"name":{"from":"Old","to":"New"},"time_zone":{"from":..,"to":..}}}.
std::string SettingsChangeDetail(const store::Organisation& before,
                                 const store::Organisation& after);

}  // namespace rapport::directory
