#pragma once

// The rules for an article's fields that the knowledge base (rules.h, KnowledgeBase) and the
// bundle import and export (bundle.h) share: the limits, and how titles, summaries, bodies,
// tags, languages and verification intervals are checked and normalised. The checks name
// their field in the error (Unprocessable; TooLarge for a body).
// Thread-safety: pure functions.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"

namespace rapport::kb {

inline constexpr std::size_t kMaxTitleBytes = 300;
inline constexpr std::size_t kMaxSummaryBytes = 2000;
inline constexpr std::size_t kMaxBodyBytes = 1 << 20;
inline constexpr std::size_t kMaxTags = 30;
inline constexpr std::size_t kMaxTagBytes = 60;
inline constexpr int kMinVerifyIntervalDays = 1;
inline constexpr int kMaxVerifyIntervalDays = 3650;

// Whether `text` holds a control character (C0 or DEL) other than those in `allowed`.
bool HasControlCharacter(std::string_view text, std::string_view allowed = {});

// Trimmed, 1-kMaxTitleBytes of UTF-8 without control characters (field "title").
core::Result<std::string> CheckTitle(std::string_view title);
// Trimmed, at most kMaxSummaryBytes, no control characters but line breaks and tabs (field
// "summary").
core::Result<std::string> CheckSummary(std::string_view summary);
// At most kMaxBodyBytes (TooLarge), no control characters but line breaks and tabs (field
// "body").
core::Status CheckBody(std::string_view body);

// A tag as it is kept: trimmed of ASCII white space and ASCII lower-cased ("" when blank).
std::string NormaliseTag(std::string_view tag);
// At most kMaxTags tags, each normalised, non-empty, at most kMaxTagBytes, without commas or
// control characters; duplicates dropped, the first kept (field "tags").
core::Result<std::vector<std::string>> NormaliseTags(const std::vector<std::string>& tags);

// A BCP 47 language tag in the simple shape "ll" or "ll-rr" (letters and digits), lower-cased
// (field "language").
core::Result<std::string> NormaliseLanguage(std::string_view language);
// Accept-Language ("fr-CH, fr;q=0.9, en;q=0.8") as languages in preference order, each
// lower-cased, with the base language added after a regional one ("fr-ch", "fr"). Malformed
// parts are skipped; at most 10 languages.
std::vector<std::string> ParseAcceptLanguage(std::string_view header);

// kMinVerifyIntervalDays to kMaxVerifyIntervalDays (field "verify_interval_days").
core::Status CheckInterval(int days);

}  // namespace rapport::kb
