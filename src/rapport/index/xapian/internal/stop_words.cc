// Stop words per language, folded (lower case, no accents) as analysis.h folds terms. They are
// dropped from queries only (outside phrases, and never when a query has nothing else):
// documents index every word at its position, so phrases such as "to be or not to be" work.

#include <algorithm>
#include <array>
#include <span>
#include <string_view>

#include "rapport/index/xapian/internal/analysis.h"

namespace rapport::index::xapian::internal {
namespace {

// Sorted, for binary search (checked by a test through IsStopWord).
constexpr std::array<std::string_view, 125> kEnglish = {
    "a",      "about",  "above", "after",  "again",    "against",    "all",  "am",
    "an",     "and",    "any",   "are",    "as",       "at",         "be",   "because",
    "been",   "before", "being", "below",  "between",  "both",       "but",  "by",
    "can",    "could",  "did",   "do",     "does",     "doing",      "down", "during",
    "each",   "few",    "for",   "from",   "further",  "had",        "has",  "have",
    "having", "he",     "her",   "here",   "hers",     "herself",    "him",  "himself",
    "his",    "how",    "i",     "if",     "in",       "into",       "is",   "it",
    "its",    "itself", "just",  "me",     "more",     "most",       "my",   "myself",
    "no",     "nor",    "not",   "now",    "of",       "off",        "on",   "once",
    "only",   "or",     "other", "our",    "ours",     "ourselves",  "out",  "over",
    "own",    "same",   "she",   "should", "so",       "some",       "such", "than",
    "that",   "the",    "their", "theirs", "them",     "themselves", "then", "there",
    "these",  "they",   "this",  "those",  "through",  "to",         "too",  "under",
    "until",  "up",     "very",  "was",    "we",       "were",       "what", "when",
    "where",  "which",  "while", "who",    "whom",     "why",        "will", "with",
    "would",  "you",    "your",  "yours",  "yourself",
};

constexpr std::array<std::string_view, 40> kGerman = {
    "aber",  "als",   "am",   "an",  "auch", "auf", "aus", "bei", "bin",  "bis",
    "das",   "dass",  "dem",  "den", "der",  "des", "die", "ein", "eine", "einem",
    "einen", "einer", "er",   "es",  "fur",  "hat", "ich", "ist", "mit",  "nicht",
    "noch",  "oder",  "sich", "sie", "sind", "und", "von", "wie", "zu",   "zum",
};

constexpr std::array<std::string_view, 40> kFrench = {
    "a",    "au",  "aux", "avec", "ce",   "ces",  "dans", "de",  "des", "du",
    "elle", "en",  "est", "et",   "eux",  "il",   "je",   "la",  "le",  "les",
    "leur", "lui", "ma",  "mais", "me",   "meme", "mes",  "mon", "ne",  "nous",
    "on",   "ou",  "par", "pas",  "pour", "qu",   "que",  "qui", "sur", "un",
};

constexpr std::array<std::string_view, 36> kSpanish = {
    "a",   "al",  "como", "con", "de",  "del", "el",  "ella", "en", "es",  "esta", "este",
    "la",  "las", "le",   "lo",  "los", "mas", "me",  "mi",   "no", "o",   "para", "pero",
    "por", "que", "se",   "si",  "sin", "su",  "sus", "te",   "un", "una", "y",    "ya",
};

constexpr std::array<std::string_view, 30> kPortuguese = {
    "a",  "ao",   "as",    "com",  "como", "da",  "das", "de",  "do",  "dos",
    "e",  "em",   "entre", "na",   "nao",  "nas", "no",  "nos", "o",   "os",
    "ou", "para", "pela",  "pelo", "por",  "que", "se",  "um",  "uma", "voce",
};

constexpr std::array<std::string_view, 30> kItalian = {
    "a",     "ai",  "al",    "alla", "che", "con", "da", "dal", "dei", "del",
    "della", "di",  "e",     "gli",  "i",   "il",  "in", "la",  "le",  "lo",
    "ma",    "nel", "nella", "non",  "per", "se",  "su", "un",  "una", "uno",
};

constexpr std::array<std::string_view, 30> kDutch = {
    "aan", "al",  "als", "bij", "dat", "de", "die", "dit",  "een",  "en",
    "er",  "het", "hij", "ik",  "in",  "is", "je",  "maar", "met",  "niet",
    "nog", "of",  "om",  "ook", "op",  "te", "tot", "van",  "voor", "ze",
};

std::span<const std::string_view> ListFor(std::string_view language) {
  const std::string_view primary = language.substr(0, language.find('-'));
  if (primary == "de") return kGerman;
  if (primary == "fr") return kFrench;
  if (primary == "es") return kSpanish;
  if (primary == "pt") return kPortuguese;
  if (primary == "it") return kItalian;
  if (primary == "nl") return kDutch;
  return kEnglish;
}

}  // namespace

bool IsStopWord(std::string_view language, std::string_view folded) {
  const std::span<const std::string_view> list = ListFor(language);
  return std::binary_search(list.begin(), list.end(), folded);
}

}  // namespace rapport::index::xapian::internal
