#pragma once

// How an article is laid out in Xapian: term prefixes, value slots and the stored record.
//
// Terms (boolean terms carry an upper-case prefix, so they never collide with words, which
// are folded to lower case):
//   <word>         the folded word, with positions (phrases, exact matches, prefixes)
//   Z<stem>        the folded stem in the document's language, no positions
//   Q<n>:<org><id> the unique id term (n = org length, so no separator can be forged)
//   XO org, XL language, XC category and parent category, XT tag, XS status
//   Who may read, one term per kind of reader so that the audience filter of a search is one
//   to three posting lists instead of eight (it is checked for every candidate document):
//     XAS<n>:<org>         live, not archived, internal or public (every staff member)
//     XAP<n>:<org>         live, not archived, public (the help center)
//     XAR<n>:<org><role>   live, not archived, restricted to a list holding role
//     XAU<n>:<org><user>   owned by user, in any status
// Title, summary and tag words are the same terms as body words, with a larger wdf
// (XapianOptions::title_weight etc.), so BM25 counts them more.
//
// Thread-safety: pure functions.

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/index/search_index.h"
#include "rapport/index/xapian/internal/analysis.h"

namespace rapport::index::xapian::internal {

inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kOrgPrefix = "XO";
inline constexpr std::string_view kLanguagePrefix = "XL";
inline constexpr std::string_view kCategoryPrefix = "XC";
inline constexpr std::string_view kTagPrefix = "XT";
inline constexpr std::string_view kStatusPrefix = "XS";
inline constexpr std::string_view kStaffReaderPrefix = "XAS";
inline constexpr std::string_view kPublicReaderPrefix = "XAP";
inline constexpr std::string_view kRoleReaderPrefix = "XAR";
inline constexpr std::string_view kOwnerReaderPrefix = "XAU";

inline constexpr Xapian::valueno kUpdatedAtSlot = 0;  // sortable_serialise(unix seconds)
inline constexpr Xapian::valueno kVerifyDueSlot = 1;  // sortable_serialise; absent when 0
inline constexpr Xapian::valueno kCategorySlot = 2;   // leaf category id (facets)
inline constexpr Xapian::valueno kTagsSlot = 3;       // EncodeList(tags) (facets)
inline constexpr Xapian::valueno kSignalsSlot = 4;    // EncodeSignals (ranking signals)
inline constexpr Xapian::valueno kTitleSlot = 5;      // the title (the title signal)

inline constexpr std::string_view kSequenceKey = "rapport.sequence";
// The layout version of the index. An index written with another layout reports sequence 0,
// so the indexer rebuilds it from the store.
inline constexpr std::string_view kLayoutKey = "rapport.layout";
inline constexpr std::string_view kLayoutVersion = "2";

// Weights of the fields, as wdf per occurrence.
struct FieldWeights {
  int title = 3;
  int summary = 2;
  int tag = 2;
};

std::string UniqueTerm(std::string_view org, std::string_view id);
std::string BooleanTerm(std::string_view prefix, std::string_view value);
// prefix, then <n>:<org><value> (n = org length, so no separator can be forged).
std::string ReaderTerm(std::string_view prefix, std::string_view org, std::string_view value);

// InvalidArgument when a boolean term of `doc` would exceed Xapian's term length limit.
core::Status CheckTermLengths(const Document& doc);

struct BuiltDocument {
  Xapian::Document document;
  // The distinct words to add to the spelling dictionary (see IsSpellingWord).
  std::vector<std::string> spelling_words;
};

BuiltDocument BuildDocument(const Document& doc, const FieldWeights& weights,
                            StemmerCache& stemmers);

// True for terms the spelling dictionary holds: unprefixed words of 3 to 32 bytes without
// digits or CJK characters.
bool IsSpellingWord(std::string_view term);

// What a hit shows, stored as the document data.
struct StoredRecord {
  std::string id;
  std::string title;
  std::string slug;
  std::string language;
  std::string category;
  std::string summary;
  std::string body;
};

std::string EncodeRecord(const StoredRecord& record);
// nullopt when `data` is not a record EncodeRecord wrote.
std::optional<StoredRecord> DecodeRecord(std::string_view data);

// A list of strings as one value (length-prefixed).
std::string EncodeList(const std::vector<std::string>& items);
std::vector<std::string> DecodeList(std::string_view data);

struct SignalInputs {
  std::int64_t updated_at = 0;
  std::int64_t verify_due_at = 0;
  std::int64_t helpful = 0;
  std::int64_t unhelpful = 0;
};
std::string EncodeSignals(const SignalInputs& inputs);
SignalInputs DecodeSignals(std::string_view data);

}  // namespace rapport::index::xapian::internal
