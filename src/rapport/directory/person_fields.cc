#include "rapport/directory/person_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace rapport::directory {
namespace {

constexpr std::array<std::string_view, 5> kEmploymentTypes = {"full_time", "part_time",
                                                              "contractor", "intern", "temporary"};
constexpr int kMinHireYear = 1900;
constexpr std::size_t kMaxEmailLocalBytes = 64;
constexpr std::size_t kMaxDomainLabelBytes = 63;

bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsLower(c) || (c >= 'A' && c <= 'Z') || IsDigit(c); }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F;
}

std::unexpected<core::Error> Invalid(std::string message, std::string_view field) {
  return core::Unprocessable(std::move(message), std::string(field));
}

bool IsEmailLocalChar(char c) {
  return IsAlnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos;
}

bool IsValidDomain(std::string_view domain) {
  if (domain.empty() || domain.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= domain.size()) {
    const std::size_t dot = std::min(domain.find('.', start), domain.size());
    const std::string_view label = domain.substr(start, dot - start);
    if (label.empty() || label.size() > kMaxDomainLabelBytes) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    if (!std::ranges::all_of(label, [](char c) { return IsAlnum(c) || c == '-'; })) return false;
    start = dot + 1;
  }
  return true;
}

bool ParseNumber(std::string_view digits, int& out) {
  if (!std::ranges::all_of(digits, IsDigit)) return false;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && end == digits.data() + digits.size();
}

}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsAsciiWhitespace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiWhitespace(text.back())) text.remove_suffix(1);
  return text;
}

std::chrono::sys_days TodayUtc(core::TimePoint now) {
  return std::chrono::floor<std::chrono::days>(now);
}

store::DateText FormatDate(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

core::Status ValidateEmployeeId(std::string_view employee_id) {
  if (employee_id.empty()) return Invalid("employee_id is required", "employee_id");
  if (employee_id.size() > kMaxEmployeeIdBytes) {
    return Invalid(fmt::format("employee_id is longer than {} characters", kMaxEmployeeIdBytes),
                   "employee_id");
  }
  const bool ok = std::ranges::all_of(
      employee_id, [](char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '-'; });
  if (!ok) {
    return Invalid("employee_id may contain only letters, digits, '.', '_' and '-'", "employee_id");
  }
  return core::Ok();
}

core::Status ValidateLine(std::string_view value, std::string_view field, std::size_t max_bytes,
                          bool required) {
  if (value.empty()) {
    if (required) return Invalid(fmt::format("{} is required", field), field);
    return core::Ok();
  }
  if (value.size() > max_bytes) {
    return Invalid(fmt::format("{} is longer than {} bytes", field, max_bytes), field);
  }
  if (std::ranges::any_of(value, IsControl)) {
    return Invalid(fmt::format("{} contains a control character or line break", field), field);
  }
  return core::Ok();
}

core::Result<std::string> NormaliseEmail(std::string_view email) {
  if (email.empty()) return std::string();
  const auto invalid = [] { return Invalid("not an e-mail address", "email"); };
  if (email.size() > kMaxEmailBytes) return invalid();
  const std::size_t at = email.rfind('@');
  if (at == std::string_view::npos || at == 0) return invalid();
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.size() > kMaxEmailLocalBytes || !std::ranges::all_of(local, IsEmailLocalChar)) {
    return invalid();
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return invalid();
  }
  std::string lower(email);
  std::ranges::transform(lower, lower.begin(), ToLower);
  if (!IsValidDomain(std::string_view(lower).substr(at + 1)) || domain.empty()) return invalid();
  return lower;
}

core::Status ValidateHireDate(std::string_view date, std::chrono::sys_days today) {
  if (date.empty()) return core::Ok();
  const auto invalid = [] {
    return Invalid("hire_date must be a calendar date written YYYY-MM-DD", "hire_date");
  };
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return invalid();
  int year = 0;
  int month = 0;
  int day = 0;
  if (!ParseNumber(date.substr(0, 4), year) || !ParseNumber(date.substr(5, 2), month) ||
      !ParseNumber(date.substr(8, 2), day)) {
    return invalid();
  }
  const std::chrono::year_month_day ymd{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return invalid();
  if (year < kMinHireYear) {
    return Invalid(fmt::format("hire_date is before {}", kMinHireYear), "hire_date");
  }
  if (std::chrono::sys_days(ymd) > today + kMaxHireDateAhead) {
    return Invalid("hire_date is more than a year in the future", "hire_date");
  }
  return core::Ok();
}

core::Status ValidateEmploymentType(std::string_view type) {
  if (type.empty() || std::ranges::find(kEmploymentTypes, type) != kEmploymentTypes.end()) {
    return core::Ok();
  }
  return Invalid(
      "employment_type must be one of full_time, part_time, contractor, intern, temporary",
      "employment_type");
}

bool IsValidAttributeName(std::string_view name) {
  if (name.empty() || name.size() > kMaxAttributeNameBytes || !IsLower(name.front())) {
    return false;
  }
  return std::ranges::all_of(name, [](char c) { return IsLower(c) || IsDigit(c) || c == '_'; });
}

std::string NormaliseColumnName(std::string_view header) {
  std::string out;
  out.reserve(header.size());
  bool pending_separator = false;
  for (const char c : Trim(header)) {
    if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '_') {
      pending_separator = true;
      continue;
    }
    if (pending_separator && !out.empty()) out.push_back('_');
    pending_separator = false;
    out.push_back(ToLower(c));
  }
  return out;
}

core::Status ValidateAttributes(const store::Attributes& attributes) {
  if (attributes.size() > kMaxAttributes) {
    return Invalid(fmt::format("more than {} attributes", kMaxAttributes), "attributes");
  }
  for (const auto& [name, value] : attributes) {
    if (!IsValidAttributeName(name)) {
      return Invalid("attribute names must match [a-z][a-z0-9_]{0,63}", "attributes");
    }
    const std::string field = "attributes." + name;
    if (value.empty()) return Invalid("attribute values must not be empty", field);
    if (value.size() > kMaxAttributeValueBytes) {
      return Invalid(fmt::format("longer than {} bytes", kMaxAttributeValueBytes), field);
    }
    if (std::ranges::any_of(value, [](char c) { return c != '\n' && IsControl(c); })) {
      return Invalid("contains a control character", field);
    }
  }
  return core::Ok();
}

core::Status ValidatePerson(const store::Person& person, std::chrono::sys_days today) {
  RAPPORT_RETURN_IF_ERROR(ValidateEmployeeId(person.employee_id));
  RAPPORT_RETURN_IF_ERROR(ValidateLine(person.name, "name", kMaxNameBytes, true));
  RAPPORT_ASSIGN_OR_RETURN(const std::string email, NormaliseEmail(person.email));
  if (email != person.email) return Invalid("e-mail addresses are stored in lower case", "email");
  RAPPORT_RETURN_IF_ERROR(ValidateLine(person.job_title, "job_title", kMaxTextBytes, false));
  RAPPORT_RETURN_IF_ERROR(ValidateHireDate(person.hire_date, today));
  RAPPORT_RETURN_IF_ERROR(ValidateLine(person.location, "location", kMaxTextBytes, false));
  RAPPORT_RETURN_IF_ERROR(ValidateEmploymentType(person.employment_type));
  return ValidateAttributes(person.attributes);
}

core::Status ValidateTeamName(std::string_view name) {
  return ValidateLine(name, "name", kMaxNameBytes, true);
}

std::string_view TeamKindName(store::TeamKind kind) {
  return kind == store::TeamKind::kDepartment ? "department" : "team";
}

core::Result<store::TeamKind> ParseTeamKind(std::string_view name) {
  if (name == "department") return store::TeamKind::kDepartment;
  if (name == "team") return store::TeamKind::kTeam;
  return Invalid("kind must be \"department\" or \"team\"", "kind");
}

std::string_view StatusName(store::PersonStatus status) {
  return status == store::PersonStatus::kActive ? "active" : "inactive";
}

core::Result<store::PersonStatus> ParseStatus(std::string_view name) {
  if (name == "active") return store::PersonStatus::kActive;
  if (name == "inactive") return store::PersonStatus::kInactive;
  return Invalid("status must be \"active\" or \"inactive\"", "status");
}

}  // namespace rapport::directory
