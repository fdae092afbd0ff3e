#include "rapport/index/xapian/internal/query_builder.h"

#include <algorithm>
#include <utility>

#include "rapport/index/xapian/internal/schema.h"

namespace rapport::index::xapian::internal {
namespace {

// Synonym groups tokenised once per query: each member as its tokens.
using Member = std::vector<Token>;
using Group = std::vector<Member>;

std::string Key(const std::vector<Token>& tokens) {
  std::string key;
  for (const Token& token : tokens) {
    if (!key.empty()) key.push_back(' ');
    key += token.term;
  }
  return key;
}

std::vector<Group> NormaliseSynonyms(const std::vector<std::vector<std::string>>* synonyms) {
  std::vector<Group> groups;
  if (synonyms == nullptr) return groups;
  for (const auto& group : *synonyms) {
    Group normalised;
    for (const std::string& member : group) {
      Member tokens = Tokenise(member);
      if (!tokens.empty() && tokens.size() <= kMaxClauseTokens) {
        normalised.push_back(std::move(tokens));
      }
    }
    if (normalised.size() > 1) groups.push_back(std::move(normalised));
  }
  return groups;
}

const Group* FindGroup(const std::vector<Group>& groups, const std::vector<Token>& tokens) {
  const std::string key = Key(tokens);
  for (const Group& group : groups) {
    for (const Member& member : group) {
      if (Key(member) == key) return &group;
    }
  }
  return nullptr;
}

// Merges runs of 2..3 unquoted, non-negated clauses that spell a multi-word synonym into one
// phrase clause, so that sign in (typed without quotes) finds the group of "sign in".
std::vector<Clause> MergeSynonymPhrases(const std::vector<Clause>& clauses,
                                        const std::vector<Group>& groups) {
  if (groups.empty()) return clauses;
  std::vector<Clause> out;
  for (std::size_t i = 0; i < clauses.size();) {
    bool merged = false;
    for (std::size_t n = 3; n >= 2 && !merged; --n) {
      if (i + n > clauses.size()) continue;
      Clause combined;
      combined.quoted = true;
      bool eligible = true;
      for (std::size_t k = i; k < i + n; ++k) {
        eligible = eligible && !clauses[k].quoted && !clauses[k].negated;
        combined.tokens.insert(combined.tokens.end(), clauses[k].tokens.begin(),
                               clauses[k].tokens.end());
      }
      if (!eligible || FindGroup(groups, combined.tokens) == nullptr) continue;
      combined.last = clauses[i + n - 1].last;
      out.push_back(std::move(combined));
      i += n;
      merged = true;
    }
    if (!merged) out.push_back(clauses[i++]);
  }
  return out;
}

Xapian::Query Phrase(const std::vector<Token>& tokens) {
  std::vector<Xapian::Query> terms;
  terms.reserve(tokens.size());
  for (const Token& token : tokens) terms.emplace_back(token.term);
  if (terms.size() == 1) return terms[0];
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size()));
}

bool IsWord(const std::vector<Token>& tokens, bool quoted) {
  return !quoted && tokens.size() == 1 && !tokens[0].cjk;
}

std::string WordTerm(const Token& token, std::string_view language, StemmerCache& stemmers) {
  return std::string(kStemPrefix) + stemmers.Stem(language, token);
}

// The query of one member or clause's tokens, ignoring synonyms.
Xapian::Query Plain(const std::vector<Token>& tokens, bool quoted, std::string_view language,
                    StemmerCache& stemmers) {
  if (IsWord(tokens, quoted)) return Xapian::Query(WordTerm(tokens[0], language, stemmers));
  return Phrase(tokens);
}

void AddToMatch(const std::vector<Token>& tokens, MatchSpec& match) {
  for (const Token& token : tokens) {
    match.terms.insert(token.term);
    if (!token.cjk) match.words.push_back(token);
  }
}

bool IsDroppableStopWord(const Clause& clause, bool prefix_last, std::string_view language) {
  return clause.IsPlainWord() && !clause.negated && !(clause.last && prefix_last) &&
         IsStopWord(language, clause.tokens[0].term);
}

}  // namespace

TextQuery BuildTextQuery(const ParsedQuery& parsed, const TextQueryOptions& options,
                         StemmerCache& stemmers) {
  TextQuery out;
  const std::vector<Group> groups = NormaliseSynonyms(options.synonyms);
  const std::vector<Clause> clauses = MergeSynonymPhrases(parsed.clauses, groups);
  const bool prefix_last = options.prefix_last && !parsed.ends_with_space;

  bool any_content = false;
  for (const Clause& clause : clauses) {
    if (!clause.negated && !IsDroppableStopWord(clause, prefix_last, options.language)) {
      any_content = true;
    }
  }
  std::vector<Xapian::Query> negatives;
  bool plain_words = true;
  for (const Clause& clause : clauses) {
    if (any_content && IsDroppableStopWord(clause, prefix_last, options.language)) continue;
    const Group* group = FindGroup(groups, clause.tokens);
    const bool completed = !clause.negated && clause.last && prefix_last && clause.IsPlainWord() &&
                           clause.tokens[0].term.size() >= kMinPrefixBytes;
    const bool word = group == nullptr && clause.IsPlainWord();
    std::string term = word ? WordTerm(clause.tokens[0], options.language, stemmers) : "";
    if (!clause.negated) {
      // A word typed twice (or in two forms with one stem) counts twice, as in Xapian's AND:
      // long queries that repeat their main words rank better for it (CISI).
      plain_words = plain_words && word;
      if (plain_words) out.words.push_back(term);
    }
    Xapian::Query query;
    if (word) {
      query = Xapian::Query(term);
    } else if (group != nullptr) {
      std::vector<Xapian::Query> members;
      for (const Member& member : *group) {
        members.push_back(Plain(member, /*quoted=*/false, options.language, stemmers));
        if (!clause.negated) AddToMatch(member, out.match);
      }
      query = Xapian::Query(Xapian::Query::OP_SYNONYM, members.begin(), members.end());
    } else {
      query = Plain(clause.tokens, clause.quoted, options.language, stemmers);
    }
    if (clause.negated) {
      negatives.push_back(std::move(query));
      continue;
    }
    AddToMatch(clause.tokens, out.match);
    if (completed) {
      const std::string& prefix = clause.tokens[0].term;
      const Xapian::Query wildcard(Xapian::Query::OP_WILDCARD, prefix, kMaxPrefixExpansion,
                                   Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                                   Xapian::Query::OP_SYNONYM);
      query = Xapian::Query(Xapian::Query::OP_OR, query, wildcard);
      out.match.prefix = prefix;
      plain_words = false;
    }
    out.positives.push_back(std::move(query));
  }
  if (!plain_words) out.words.clear();
  if (!negatives.empty()) {
    out.negatives = Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end());
  }
  return out;
}

namespace {

// Filters on terms that every document carries (the staff of the only organisation reading
// every article, one language) change nothing but still cost a posting list walk per query; at
// 150k documents that was two fifths of a one-word query. Dropping them keeps the results
// identical: `db` is the snapshot the query then runs on.
class FilterBuilder {
 public:
  explicit FilterBuilder(const Xapian::Database& db) : db_(db), all_(db.get_doccount()) {}

  // Documents with at least one of `terms`.
  void AnyOf(const std::vector<std::string>& terms) {
    if (std::any_of(terms.begin(), terms.end(),
                    [&](const std::string& term) { return db_.get_termfreq(term) == all_; })) {
      return;
    }
    std::vector<Xapian::Query> queries(terms.begin(), terms.end());
    Add(Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end()));
  }

  void AnyOf(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<std::string> terms;
    terms.reserve(values.size());
    for (const std::string& value : values) terms.push_back(BooleanTerm(prefix, value));
    AnyOf(terms);
  }

  void Add(const Xapian::Query& query) {
    filter_ = filter_.empty() ? query : Xapian::Query(Xapian::Query::OP_AND, filter_, query);
  }

  Xapian::Query Take() { return std::move(filter_); }

 private:
  const Xapian::Database& db_;
  Xapian::doccount all_;
  Xapian::Query filter_;
};

// The reader terms of the documents of `org` that `audience` may read (see kb::CanRead).
std::vector<std::string> AudienceTerms(std::string_view org, const Audience& audience) {
  if (audience.public_only) return {ReaderTerm(kPublicReaderPrefix, org, "")};
  if (audience.see_all) return {BooleanTerm(kOrgPrefix, org)};
  std::vector<std::string> readable = {ReaderTerm(kStaffReaderPrefix, org, "")};
  if (!audience.role.empty()) readable.push_back(ReaderTerm(kRoleReaderPrefix, org, audience.role));
  if (!audience.user.empty())
    readable.push_back(ReaderTerm(kOwnerReaderPrefix, org, audience.user));
  return readable;
}

}  // namespace

Xapian::Query BuildFilter(const Query& query, const Xapian::Database& db) {
  FilterBuilder filter(db);
  filter.AnyOf(AudienceTerms(query.org, query.audience));
  const Filter& f = query.filter;
  if (!f.languages.empty()) filter.AnyOf(kLanguagePrefix, f.languages);
  if (!f.categories.empty()) filter.AnyOf(kCategoryPrefix, f.categories);
  for (const std::string& tag : f.tags) filter.AnyOf(kTagPrefix, {tag});
  if (!f.statuses.empty()) filter.AnyOf(kStatusPrefix, f.statuses);
  if (f.due_before.has_value()) {
    filter.Add(Xapian::Query(Xapian::Query::OP_VALUE_LE, kVerifyDueSlot,
                             Xapian::sortable_serialise(static_cast<double>(*f.due_before))));
  }
  return filter.Take();
}

Xapian::Query Combine(const std::vector<Xapian::Query>& parts, Xapian::Query::op op,
                      const Xapian::Query& negatives, const Xapian::Query& filter) {
  Xapian::Query query(op, parts.begin(), parts.end());
  if (!negatives.empty()) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, negatives);
  if (filter.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

}  // namespace rapport::index::xapian::internal
