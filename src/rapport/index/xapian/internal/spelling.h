#pragma once

// Typo tolerance on Xapian's spelling dictionary. Every distinct word of every document is
// added to the dictionary once per document (so a word's frequency is its document frequency,
// and the writer removes a document's words when it replaces or deletes it). Xapian's
// get_spelling_suggestion looks candidates up through an on-disk index of word fragments and
// returns, among those within the edit distance, the closest, then the most frequent: that is
// the rule of search_index.h, it persists with the index (readers of other processes see it
// after a reopen), and it needs no rebuild after commits. A word counts as unknown when its
// term frequency over the whole index is 0 (per organisation would need a posting-list
// intersection per word; the dictionary is index-wide for the same reason).
//
// Thread-safety: uses the caller's Database handle, which is confined to one thread.

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "rapport/index/xapian/internal/query_parse.h"

namespace rapport::index::xapian::internal {

// Edit distance allowed for a word of `chars` characters: 0 below 4, 1 up to 7, 2 above.
unsigned MaxEditDistance(std::size_t chars);

// The closest indexed word to the folded `word`, or empty when there is none (or the word is
// too short to correct).
std::string SuggestWord(const Xapian::Database& db, std::string_view word);

struct Correction {
  ParsedQuery query;  // with the corrected words
  std::string text;   // the query text with the corrected words in place
  bool changed = false;
};

// Corrects the plain, non-excluded words of `parsed` (those unknown to the index when
// `only_unknown`, all of them otherwise).
Correction CorrectQuery(const Xapian::Database& db, std::string_view text,
                        const ParsedQuery& parsed, bool only_unknown);

}  // namespace rapport::index::xapian::internal
