#pragma once

// The rules for one person's and one team's fields, shared by the CSV import and the API so a
// value accepted by one is accepted by the other. Every check answers Unprocessable naming the
// field as both the API and the CSV header spell it ("hire_date", "attributes.cost_centre").
// Callers trim first (see Trim); the checks never modify.
//
// Thread-safety: pure functions.

#include <chrono>
#include <string>
#include <string_view>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/store/directory.h"

namespace rapport::directory {

inline constexpr std::size_t kMaxEmployeeIdBytes = 64;
inline constexpr std::size_t kMaxNameBytes = 200;  // person and team names
inline constexpr std::size_t kMaxTextBytes = 200;  // job title, location
inline constexpr std::size_t kMaxEmailBytes = 254;
inline constexpr std::size_t kMaxAttributes = 50;
inline constexpr std::size_t kMaxAttributeNameBytes = 64;
inline constexpr std::size_t kMaxAttributeValueBytes = 1024;
// How far ahead a hire date may lie (people are entered before they start, not years ahead).
inline constexpr std::chrono::days kMaxHireDateAhead{366};

// `text` without leading and trailing ASCII whitespace (space, tab, CR, LF, FF, VT).
std::string_view Trim(std::string_view text);

// The organisation's current calendar day. Rapport uses the UTC day: memberships change on
// day boundaries and a few hours' difference at midnight does not matter for reporting.
std::chrono::sys_days TodayUtc(core::TimePoint now);
// "2026-11-22".
store::DateText FormatDate(std::chrono::sys_days day);

// [A-Za-z0-9._-]{1,64}.
core::Status ValidateEmployeeId(std::string_view employee_id);
// Non-empty, at most `max_bytes`, no control characters. `field` names it in the error.
core::Status ValidateLine(std::string_view value, std::string_view field, std::size_t max_bytes,
                          bool required);
// `email` lower-cased when it has the shape of an address (ASCII local part, dotted domain);
// empty stays empty (people without an address).
core::Result<std::string> NormaliseEmail(std::string_view email);
// A real calendar date "YYYY-MM-DD" from 1900 on and at most kMaxHireDateAhead after `today`;
// empty is allowed (unknown).
core::Status ValidateHireDate(std::string_view date, std::chrono::sys_days today);
// One of full_time, part_time, contractor, intern, temporary; empty is allowed.
core::Status ValidateEmploymentType(std::string_view type);

// True for [a-z][a-z0-9_]{0,63}.
bool IsValidAttributeName(std::string_view name);
// A column header as an attribute name: ASCII letters lower-cased, runs of spaces, '-', '.'
// and '/' become one '_'. The result may still be invalid (check IsValidAttributeName).
std::string NormaliseColumnName(std::string_view header);
// Names valid, at most kMaxAttributes, values non-empty, at most kMaxAttributeValueBytes,
// without control characters other than line feeds.
core::Status ValidateAttributes(const store::Attributes& attributes);

// A person's fields, all of them, as the import and the API store them. REQUIRES: the strings
// are trimmed and the e-mail normalised.
core::Status ValidatePerson(const store::Person& person, std::chrono::sys_days today);

// Team names: non-empty, at most kMaxNameBytes, no control characters.
core::Status ValidateTeamName(std::string_view name);

std::string_view TeamKindName(store::TeamKind kind);  // "department" | "team"
// Unprocessable (field "kind") for anything else.
core::Result<store::TeamKind> ParseTeamKind(std::string_view name);
std::string_view StatusName(store::PersonStatus status);  // "active" | "inactive"
// Unprocessable (field "status") for anything else.
core::Result<store::PersonStatus> ParseStatus(std::string_view name);

}  // namespace rapport::directory
