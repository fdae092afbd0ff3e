#include "rapport/index/xapian/internal/conjunction.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace rapport::index::xapian::internal {
namespace {

// What a word's weights depend on besides the document, for one database revision.
struct Scale {
  double len_factor = 0;  // 1 / average length; 0 when the length plays no part
};

Scale ScaleOf(const Xapian::Database& db, const Bm25Parameters& bm25) {
  // As Xapian::BM25Weight::init: the length plays no part when b or k1 is 0 (k2 is 0 here).
  const double average = db.get_avlength();
  Scale scale;
  if (bm25.b != 0 && bm25.k1 != 0 && average > 0) scale.len_factor = 1 / average;
  return scale;
}

// BM25's idf times (k1 + 1), as Xapian::BM25Weight's termweight for a word typed once.
double TermWeight(const Xapian::Database& db, const std::string& term, const Bm25Parameters& bm25) {
  const double documents = db.get_doccount();
  const double frequency = db.get_termfreq(term);
  double ratio = (documents - frequency + 0.5) / (frequency + 0.5);
  if (ratio < 2) ratio = ratio * 0.5 + 1;
  return std::log(ratio) * (bm25.k1 + 1);
}

double Weight(double term_weight, double wdf, double normlen, const Bm25Parameters& bm25) {
  const double denominator = bm25.k1 * (normlen * bm25.b + (1 - bm25.b)) + wdf;
  return term_weight * (wdf / denominator);
}

double NormLength(double length, const Scale& scale, const Bm25Parameters& bm25) {
  return std::max(length * scale.len_factor, bm25.min_normlen);
}

// One word of a conjunction: what the source needs to weigh it and to bound it.
struct Word {
  std::string term;
  int repeats = 1;  // times the word is in the query; each counts, as in Xapian's AND
  double term_weight = 0;
  BlockBounds::Bounds bounds;  // never null
  Xapian::doccount frequency = 0;
  Xapian::PostingIterator it;  // set by init()
};

// What both sources share: a position in docid order, its weight, and moving on by Advance().
class PrunedSource : public Xapian::PostingSource {
 public:
  void next(double min_wt) final { Advance(current_ + 1, min_wt); }

  void skip_to(Xapian::docid did, double min_wt) final {
    if (did > current_) Advance(did, min_wt);
  }

  bool at_end() const final { return at_end_; }
  Xapian::docid get_docid() const final { return current_; }
  double get_weight() const final { return weight_; }

 protected:
  // Moves to the first document at or after `target` that can weigh min_wt, or to the end.
  virtual void Advance(Xapian::docid target, double min_wt) = 0;

  // Back before the first document (from init()); at the end already when `empty`.
  void Restart(bool empty) {
    current_ = 0;
    at_end_ = empty;
  }

  Xapian::docid current_ = 0;
  double weight_ = 0;
  bool at_end_ = true;
};

// A copy of `word` without its position, for a source's clone().
Word Unpositioned(const Word& word) {
  return {.term = word.term,
          .repeats = word.repeats,
          .term_weight = word.term_weight,
          .bounds = word.bounds,
          .frequency = word.frequency,
          .it = {}};
}

// The documents with every word, walked in docid order, the rarest word leading; blocks that
// cannot reach min_wt are skipped (see conjunction.h).
class ConjunctionSource final : public PrunedSource {
 public:
  ConjunctionSource(std::vector<Word> words, Scale scale, Bm25Parameters bm25,
                    Xapian::doccount documents, ConjunctionStats* stats)
      : words_(std::move(words)),
        scale_(scale),
        bm25_(bm25),
        documents_(documents),
        stats_(stats) {}

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_max() const override { return max_frequency_; }
  Xapian::doccount get_termfreq_est() const override { return estimate_; }

  void init(const Xapian::Database& db) override {
    std::sort(words_.begin(), words_.end(),
              [](const Word& a, const Word& b) { return a.frequency < b.frequency; });
    double max_weight = 0;
    double estimate = documents_;
    max_frequency_ = documents_;
    for (Word& word : words_) {
      word.it = db.postlist_begin(word.term);
      max_weight += word.repeats * word.bounds->max();
      max_frequency_ = std::min(max_frequency_, word.frequency);
      if (documents_ > 0) estimate *= static_cast<double>(word.frequency) / documents_;
    }
    estimate_ = static_cast<Xapian::doccount>(std::lround(estimate));
    last_block_ = db.get_lastdocid() >> kBlockShift;
    Restart(words_.empty());
    set_maxweight(max_weight);
  }

  Xapian::PostingSource* clone() const override {
    std::vector<Word> words;
    words.reserve(words_.size());
    for (const Word& word : words_) words.push_back(Unpositioned(word));
    return new ConjunctionSource(std::move(words), scale_, bm25_, documents_, stats_);
  }

  std::string get_description() const override {
    std::string out = "ConjunctionSource(";
    for (const Word& word : words_) out += (out.back() == '(' ? "" : " ") + word.term;
    return out + ")";
  }

 private:
  // The largest weight a document of `block` can have.
  double BlockBound(Xapian::docid block) const {
    double bound = 0;
    for (const Word& word : words_) {
      bound += word.repeats * word.bounds->Bound(block);
    }
    return bound;
  }

  // Moves to the first document at or after `target` with every word and a weight of at
  // least min_wt, or to the end.
  void Advance(Xapian::docid target, double min_wt) override {
    while (!at_end_) {
      if (min_wt > 0) {
        Xapian::docid block = target >> kBlockShift;
        while (block <= last_block_ && BlockBound(block) < min_wt) ++block;
        if (block > last_block_) break;
        target = std::max(target, block << kBlockShift);
      }
      if (!Align(target)) continue;
      current_ = target;
      weight_ = DocumentWeight();
      if (stats_ != nullptr) ++stats_->weighed;
      if (weight_ >= min_wt) return;
      target = current_ + 1;
    }
    at_end_ = true;
  }

  // Moves every word to `target`; false (with `target` raised, or the source at its end)
  // when a word is not in that document.
  bool Align(Xapian::docid& target) {
    for (Word& word : words_) {
      if (word.it != Xapian::PostingIterator() && *word.it < target) word.it.skip_to(target);
      if (word.it == Xapian::PostingIterator()) {
        at_end_ = true;
        return false;
      }
      if (*word.it > target) {
        target = *word.it;
        return false;
      }
    }
    return true;
  }

  double DocumentWeight() const {
    const double normlen =
        NormLength(static_cast<double>(words_.front().it.get_doclength()), scale_, bm25_);
    double weight = 0;
    for (const Word& word : words_) {
      weight += word.repeats *
                Weight(word.term_weight, static_cast<double>(word.it.get_wdf()), normlen, bm25_);
    }
    return weight;
  }

  std::vector<Word> words_;
  Scale scale_;
  Bm25Parameters bm25_;
  Xapian::doccount documents_;
  ConjunctionStats* stats_;
  Xapian::doccount max_frequency_ = 0;
  Xapian::doccount estimate_ = 0;
  Xapian::docid last_block_ = 0;
};

// One word, weighted by BM25 with its true largest weight as the bound, so that Xapian's OR
// can leave it out once it cannot lift a document onto the page; skips the blocks where its
// weight is below what the matcher still needs from it.
class WordSource final : public PrunedSource {
 public:
  WordSource(Word word, Scale scale, Bm25Parameters bm25, ConjunctionStats* stats)
      : word_(std::move(word)), scale_(scale), bm25_(bm25), stats_(stats) {}

  Xapian::doccount get_termfreq_min() const override { return word_.frequency; }
  Xapian::doccount get_termfreq_max() const override { return word_.frequency; }
  Xapian::doccount get_termfreq_est() const override { return word_.frequency; }

  void init(const Xapian::Database& db) override {
    word_.it = db.postlist_begin(word_.term);
    last_block_ = db.get_lastdocid() >> kBlockShift;
    Restart(word_.it == Xapian::PostingIterator());
    set_maxweight(word_.repeats * word_.bounds->max());
  }

  Xapian::PostingSource* clone() const override {
    return new WordSource(Unpositioned(word_), scale_, bm25_, stats_);
  }

  std::string get_description() const override { return "WordSource(" + word_.term + ")"; }

 private:
  void Advance(Xapian::docid target, double min_wt) override {
    while (!at_end_) {
      if (min_wt > 0) {
        Xapian::docid block = target >> kBlockShift;
        while (block <= last_block_ && word_.repeats * word_.bounds->Bound(block) < min_wt) {
          ++block;
        }
        if (block > last_block_) break;
        target = std::max(target, block << kBlockShift);
      }
      if (*word_.it < target) word_.it.skip_to(target);
      if (word_.it == Xapian::PostingIterator()) break;
      current_ = *word_.it;
      const double normlen =
          NormLength(static_cast<double>(word_.it.get_doclength()), scale_, bm25_);
      weight_ = word_.repeats *
                Weight(word_.term_weight, static_cast<double>(word_.it.get_wdf()), normlen, bm25_);
      if (stats_ != nullptr) ++stats_->weighed;
      if (weight_ >= min_wt) return;
      target = current_ + 1;
    }
    at_end_ = true;
  }

  Word word_;
  Scale scale_;
  Bm25Parameters bm25_;
  ConjunctionStats* stats_;
  Xapian::docid last_block_ = 0;
};

}  // namespace

void WordBounds::Raise(Xapian::docid block, double weight) {
  if (max_ <= 0) return;
  int step = static_cast<int>(std::ceil(weight / max_ * kSteps));
  step = std::clamp(step, 0, kSteps);
  while (step < kSteps && step * (max_ / kSteps) < weight) ++step;
  steps_[block] = std::max(steps_[block], static_cast<std::uint8_t>(step));
}

BlockBounds::Bounds BlockBounds::For(const Xapian::Database& db, const std::string& term,
                                     const Bm25Parameters& bm25) {
  const Xapian::rev revision = db.get_revision();
  std::string uuid = db.get_uuid();
  if (revision != revision_ || uuid != uuid_) {
    bounds_.clear();
    bytes_ = 0;
    revision_ = revision;
    uuid_ = std::move(uuid);
  }
  if (auto found = bounds_.find(term); found != bounds_.end()) return found->second;

  const Xapian::doccount frequency = db.get_termfreq(term);
  const Scale scale = ScaleOf(db, bm25);
  const double term_weight = TermWeight(db, term, bm25);
  // Two passes: the largest weight first, as the unit of the bounds.
  std::vector<double> weights;
  weights.reserve(frequency);
  std::vector<Xapian::docid> docids;
  docids.reserve(frequency);
  double max = 0;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    const double normlen = NormLength(static_cast<double>(it.get_doclength()), scale, bm25);
    weights.push_back(Weight(term_weight, static_cast<double>(it.get_wdf()), normlen, bm25));
    docids.push_back(*it);
    max = std::max(max, weights.back());
  }
  const std::size_t blocks =
      frequency < min_frequency_ ? 0 : (db.get_lastdocid() >> kBlockShift) + 1;
  auto bounds = std::make_shared<WordBounds>(max, blocks);
  if (blocks > 0) {
    for (std::size_t i = 0; i < docids.size(); ++i) {
      bounds->Raise(docids[i] >> kBlockShift, weights[i]);
    }
  }
  const std::size_t bytes = bounds->bytes() + term.size() + kEntryBytes;
  if (bytes_ + bytes > kMaxBytes) {
    bounds_.clear();
    bytes_ = 0;
  }
  bounds_.emplace(term, bounds);
  bytes_ += bytes;
  return bounds;
}

bool CanPrune(const std::vector<std::string>& terms, const Bm25Parameters& bm25) {
  return !terms.empty() && bm25.k2 == 0;
}

std::vector<Word> Words(const Xapian::Database& db, const std::vector<std::string>& terms,
                        const Bm25Parameters& bm25, BlockBounds& cache) {
  std::vector<Word> words;
  words.reserve(terms.size());
  for (const std::string& term : terms) {
    auto same = std::find_if(words.begin(), words.end(),
                             [&](const Word& word) { return word.term == term; });
    if (same != words.end()) {
      ++same->repeats;
      continue;
    }
    words.push_back({.term = term,
                     .repeats = 1,
                     .term_weight = TermWeight(db, term, bm25),
                     .bounds = cache.For(db, term, bm25),
                     .frequency = db.get_termfreq(term),
                     .it = {}});
  }
  return words;
}

Xapian::Query ConjunctionQuery(const Xapian::Database& db, const std::vector<std::string>& terms,
                               const Bm25Parameters& bm25, BlockBounds& cache,
                               ConjunctionStats* stats) {
  return Xapian::Query((new ConjunctionSource(Words(db, terms, bm25, cache), ScaleOf(db, bm25),
                                              bm25, db.get_doccount(), stats))
                           ->release());
}

Xapian::Query DisjunctionQuery(const Xapian::Database& db, const std::vector<std::string>& terms,
                               const Bm25Parameters& bm25, BlockBounds& cache,
                               ConjunctionStats* stats) {
  const Scale scale = ScaleOf(db, bm25);
  std::vector<Xapian::Query> parts;
  for (Word& word : Words(db, terms, bm25, cache)) {
    parts.emplace_back((new WordSource(std::move(word), scale, bm25, stats))->release());
  }
  return {Xapian::Query::OP_OR, parts.begin(), parts.end()};
}

}  // namespace rapport::index::xapian::internal
