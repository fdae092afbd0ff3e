#include "rapport/store/sqlite/internal/codec.h"

#include <fmt/format.h>

#include <array>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace rapport::store::sqlite::internal {
namespace {

constexpr char kScopeSeparator = ' ';
constexpr char kLikeEscape = '\\';

bool IsDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int TwoDigits(std::string_view text) { return (text[0] - '0') * 10 + (text[1] - '0'); }

core::Error BadStoredValue(std::string_view what, std::string_view value) {
  return core::Error(core::ErrorCode::kInternal,
                     fmt::format("store: unexpected stored {} '{}'", what, value));
}

// The stored names of an enum, indexed by the enumerator's value.
constexpr std::array<std::string_view, 4> kArticleStatusNames = {"draft", "in_review", "published",
                                                                 "archived"};
constexpr std::array<std::string_view, 3> kVisibilityNames = {"internal", "public", "restricted"};
constexpr std::array<std::string_view, 5> kFeedbackReasonNames = {"none", "outdated", "incorrect",
                                                                  "unclear", "missing_information"};

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::string_view, N>& names, Enum value) {
  return names.at(static_cast<std::size_t>(value));
}

template <typename Enum, std::size_t N>
core::Result<Enum> ParseName(const std::array<std::string_view, N>& names, std::string_view what,
                             std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::unexpected(BadStoredValue(what, name));
}

boost::json::value ParseStored(std::string_view text) {
  boost::json::parse_options options;
  options.allow_invalid_utf8 = true;  // keep whatever bytes were stored
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error, {}, options);
  if (error) return nullptr;
  return value;
}

}  // namespace

std::string EncodeAttributes(const Attributes& attributes) {
  boost::json::object object;
  object.reserve(attributes.size());
  for (const auto& [name, value] : attributes) object.emplace(name, value);
  return boost::json::serialize(object);
}

core::Result<Attributes> DecodeAttributes(std::string_view text) {
  const boost::json::value value = ParseStored(text);
  if (!value.is_object()) {
    return std::unexpected(BadStoredValue("attributes", text));
  }
  Attributes attributes;
  for (const auto& [name, item] : value.get_object()) {
    if (!item.is_string()) return std::unexpected(BadStoredValue("attributes", text));
    attributes.emplace(std::string(name), std::string(item.get_string()));
  }
  return attributes;
}

core::Result<std::string> EncodeScopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const std::string& scope : scopes) {
    if (scope.empty() || scope.find(kScopeSeparator) != std::string::npos) {
      return core::InvalidArgument(fmt::format("scope '{}' is empty or contains a space", scope),
                                   "scopes");
    }
    if (!out.empty()) out.push_back(kScopeSeparator);
    out += scope;
  }
  return out;
}

std::vector<std::string> DecodeScopes(std::string_view text) {
  std::vector<std::string> scopes;
  while (!text.empty()) {
    const std::size_t end = text.find(kScopeSeparator);
    scopes.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return scopes;
}

std::string EncodeStringList(const std::vector<std::string>& items) {
  boost::json::array array;
  array.reserve(items.size());
  for (const std::string& item : items) array.emplace_back(item);
  return boost::json::serialize(array);
}

core::Result<std::vector<std::string>> DecodeStringList(std::string_view text) {
  const boost::json::value value = ParseStored(text);
  if (!value.is_array()) return std::unexpected(BadStoredValue("list", text));
  std::vector<std::string> items;
  items.reserve(value.get_array().size());
  for (const boost::json::value& item : value.get_array()) {
    if (!item.is_string()) return std::unexpected(BadStoredValue("list", text));
    items.emplace_back(item.get_string());
  }
  return items;
}

bool IsDateText(std::string_view text) {
  // "YYYY-MM-DD"
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const std::string_view year = text.substr(0, 4);
  const std::string_view month = text.substr(5, 2);
  const std::string_view day = text.substr(8, 2);
  if (!IsDigits(year) || !IsDigits(month) || !IsDigits(day)) return false;
  const int m = TwoDigits(month);
  const int d = TwoDigits(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  pattern.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '%' || c == '_' || c == kLikeEscape) pattern.push_back(kLikeEscape);
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

std::string_view TeamKindName(TeamKind kind) {
  return kind == TeamKind::kDepartment ? "department" : "team";
}

core::Result<TeamKind> ParseTeamKind(std::string_view name) {
  if (name == "department") return TeamKind::kDepartment;
  if (name == "team") return TeamKind::kTeam;
  return std::unexpected(BadStoredValue("team kind", name));
}

std::string_view PersonStatusName(PersonStatus status) {
  return status == PersonStatus::kActive ? "active" : "inactive";
}

core::Result<PersonStatus> ParsePersonStatus(std::string_view name) {
  if (name == "active") return PersonStatus::kActive;
  if (name == "inactive") return PersonStatus::kInactive;
  return std::unexpected(BadStoredValue("person status", name));
}

std::string_view LinkPurposeName(LinkPurpose purpose) {
  return purpose == LinkPurpose::kInvitation ? "invitation" : "password_reset";
}

core::Result<LinkPurpose> ParseLinkPurpose(std::string_view name) {
  if (name == "invitation") return LinkPurpose::kInvitation;
  if (name == "password_reset") return LinkPurpose::kPasswordReset;
  return std::unexpected(BadStoredValue("link purpose", name));
}

std::string_view ArticleStatusName(ArticleStatus status) {
  return NameOf(kArticleStatusNames, status);
}

core::Result<ArticleStatus> ParseArticleStatus(std::string_view name) {
  return ParseName<ArticleStatus>(kArticleStatusNames, "article status", name);
}

std::string_view VisibilityName(Visibility visibility) {
  return NameOf(kVisibilityNames, visibility);
}

core::Result<Visibility> ParseVisibility(std::string_view name) {
  return ParseName<Visibility>(kVisibilityNames, "visibility", name);
}

std::string_view FeedbackReasonName(FeedbackReason reason) {
  return NameOf(kFeedbackReasonNames, reason);
}

core::Result<FeedbackReason> ParseFeedbackReason(std::string_view name) {
  return ParseName<FeedbackReason>(kFeedbackReasonNames, "feedback reason", name);
}

}  // namespace rapport::store::sqlite::internal
