#include "rapport/directory/organisation_settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <system_error>
#include <utility>

#include "rapport/core/audit_detail.h"
#include "rapport/directory/person_fields.h"

namespace rapport::directory {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kUtc = "UTC";
// Every compiled zone file (RFC 8536) starts with these four bytes; text files that share the
// database's folder (leapseconds, tzdata.zi) do not.
constexpr std::string_view kTzifMagic = "TZif";
// Entries of the database that are not zones an organisation should name: the machine's own
// local zone, the POSIX rule template, and the copies of every zone under other conventions
// (right/ counts leap seconds, which civil time does not).
constexpr std::array<std::string_view, 2> kNotZoneNames = {"localtime", "posixrules"};
constexpr std::array<std::string_view, 2> kNotZoneTrees = {"posix/", "right/"};

constexpr char32_t kMaxCodePoint = 0x10FFFF;
constexpr char32_t kFirstSurrogate = 0xD800;
constexpr char32_t kLastSurrogate = 0xDFFF;

std::unexpected<core::Error> InvalidName(std::string message) {
  return core::Unprocessable(std::move(message), "name");
}

std::unexpected<core::Error> InvalidZone(std::string message) {
  return core::Unprocessable(std::move(message), "time_zone");
}

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;  // bytes
};

// The code point encoded at `pos`, or nullopt when the bytes there are not well-formed UTF-8
// (stray continuation bytes, truncated or overlong sequences, surrogates, beyond U+10FFFF).
std::optional<CodePoint> DecodeAt(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return CodePoint{.value = lead, .length = 1};
  CodePoint out;
  char32_t smallest = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    out = {.value = lead & 0x1FU, .length = 2};
    smallest = 0x80;
  } else if ((lead & 0xF0U) == 0xE0U) {
    out = {.value = lead & 0x0FU, .length = 3};
    smallest = 0x800;
  } else if ((lead & 0xF8U) == 0xF0U) {
    out = {.value = lead & 0x07U, .length = 4};
    smallest = 0x10000;
  } else {
    return std::nullopt;
  }
  if (out.length > text.size() - pos) return std::nullopt;
  for (std::size_t i = 1; i < out.length; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if ((byte & 0xC0U) != 0x80U) return std::nullopt;
    out.value = (out.value << 6U) | (byte & 0x3FU);
  }
  if (out.value < smallest || out.value > kMaxCodePoint) return std::nullopt;
  if (out.value >= kFirstSurrogate && out.value <= kLastSurrogate) return std::nullopt;
  return out;
}

// C0 controls, DEL and C1 controls (Unicode category Cc).
bool IsControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

bool IsAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool IsZoneSegment(std::string_view segment) {
  if (segment.empty() || !IsAsciiLetter(segment.front())) return false;
  return std::ranges::all_of(segment.substr(1), [](char c) {
    return IsAsciiLetter(c) || IsAsciiDigit(c) || c == '_' || c == '+' || c == '-';
  });
}

bool IsExcludedEntry(std::string_view zone) {
  return std::ranges::find(kNotZoneNames, zone) != kNotZoneNames.end() ||
         std::ranges::any_of(kNotZoneTrees,
                             [&](std::string_view tree) { return zone.starts_with(tree); });
}

// True when `zone` (REQUIRES: of the right shape) resolves, links followed, to a compiled zone
// file inside `root`.
bool InZoneDatabase(std::string_view zone, const fs::path& root) {
  std::error_code ec;
  const fs::path real_root = fs::canonical(root, ec);
  if (ec) return false;
  const fs::path real = fs::canonical(root / fs::path(zone), ec);
  if (ec) return false;  // missing, or a dangling link
  const fs::path inside = real.lexically_relative(real_root);
  if (inside.empty() || *inside.begin() == ".." || *inside.begin() == ".") return false;
  if (!fs::is_regular_file(real, ec)) return false;
  std::ifstream file(real, std::ios::binary);
  std::array<char, kTzifMagic.size()> magic{};
  file.read(magic.data(), static_cast<std::streamsize>(magic.size()));
  return file.gcount() == static_cast<std::streamsize>(magic.size()) &&
         std::string_view(magic.data(), magic.size()) == kTzifMagic;
}

void AddChange(std::string& changes, std::string_view field, std::string_view from,
               std::string_view to) {
  if (from == to) return;
  if (!changes.empty()) changes += ',';
  changes += fmt::format(R"({}:{{"from":{},"to":{}}})", core::JsonQuote(field),
                         core::JsonQuote(from), core::JsonQuote(to));
}

}  // namespace

core::Result<std::string> NormaliseOrganisationName(std::string_view name) {
  const std::string_view trimmed = Trim(name);
  if (trimmed.empty()) return InvalidName("name is required");
  if (trimmed.size() > kMaxOrganisationNameBytes) {
    return InvalidName(fmt::format("name is longer than {} bytes", kMaxOrganisationNameBytes));
  }
  for (std::size_t pos = 0; pos < trimmed.size();) {
    const auto code_point = DecodeAt(trimmed, pos);
    if (!code_point) return InvalidName("name is not valid UTF-8");
    if (IsControl(code_point->value)) {
      return InvalidName("name contains a control character or line break");
    }
    pos += code_point->length;
  }
  return std::string(trimmed);
}

bool HasTimeZoneShape(std::string_view zone) {
  if (zone == kUtc) return true;
  if (zone.empty() || zone.size() > kMaxTimeZoneBytes) return false;
  std::size_t segments = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = std::min(zone.find('/', start), zone.size());
    ++segments;
    if (segments > kMaxTimeZoneSegments) return false;
    if (!IsZoneSegment(zone.substr(start, slash - start))) return false;
    if (slash == zone.size()) return true;
    start = slash + 1;
  }
}

core::Result<std::string> NormaliseTimeZone(std::string_view zone, const fs::path& zoneinfo_dir) {
  const std::string_view trimmed = Trim(zone);
  if (trimmed.empty()) return InvalidZone("time_zone is required");
  if (!HasTimeZoneShape(trimmed)) {
    return InvalidZone("time_zone must be an IANA time zone name such as Europe/Paris or UTC");
  }
  if (trimmed == kUtc) return std::string(trimmed);
  std::error_code ec;
  // Without a database to consult, the shape is all that can be checked.
  if (!fs::is_directory(zoneinfo_dir, ec)) return std::string(trimmed);
  if (IsExcludedEntry(trimmed) || !InZoneDatabase(trimmed, zoneinfo_dir)) {
    // Safe to echo: the shape admits only letters, digits, '_', '+', '-' and '/'.
    return InvalidZone(fmt::format("unknown time zone '{}'", trimmed));
  }
  return std::string(trimmed);
}

core::Result<OrganisationPatch> NormaliseOrganisationPatch(const OrganisationPatch& patch,
                                                           const fs::path& zoneinfo_dir) {
  OrganisationPatch out;
  if (patch.name) {
    RAPPORT_ASSIGN_OR_RETURN(out.name, NormaliseOrganisationName(*patch.name));
  }
  if (patch.time_zone) {
    RAPPORT_ASSIGN_OR_RETURN(out.time_zone, NormaliseTimeZone(*patch.time_zone, zoneinfo_dir));
  }
  return out;
}

store::Organisation ApplyOrganisationPatch(store::Organisation org,
                                           const OrganisationPatch& patch) {
  if (patch.name) org.name = *patch.name;
  if (patch.time_zone) org.time_zone = *patch.time_zone;
  return org;
}

std::string SettingsChangeDetail(const store::Organisation& before,
                                 const store::Organisation& after) {
  std::string changes;
  AddChange(changes, "name", before.name, after.name);
  AddChange(changes, "time_zone", before.time_zone, after.time_zone);
  return fmt::format(R"({{"changed":{{{}}}}})", changes);
}

}  // namespace rapport::directory
