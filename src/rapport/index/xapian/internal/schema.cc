#include "rapport/index/xapian/internal/schema.h"

#include <charconv>
#include <set>
#include <utility>

#include "rapport/core/utf8.h"

namespace rapport::index::xapian::internal {
namespace {

// Xapian's limit is 245 bytes for a term; keep a margin for the prefix.
constexpr std::size_t kMaxBooleanTermBytes = 240;
// A gap between fields so that a phrase never spans the end of one and the start of another.
constexpr Xapian::termpos kFieldGap = 100;
constexpr std::size_t kMinSpellingBytes = 3;
constexpr std::size_t kMaxSpellingBytes = 32;
constexpr std::string_view kRecordVersion = "r1";

void IndexText(std::string_view text, std::string_view language, Xapian::termcount wdf,
               Xapian::termpos& pos, StemmerCache& stemmers, Xapian::Document& doc,
               std::set<std::string>& words) {
  for (const Token& token : Tokenise(text)) {
    doc.add_posting(token.term, ++pos, wdf);
    doc.add_term(std::string(kStemPrefix) + stemmers.Stem(language, token), wdf);
    if (IsSpellingWord(token.term)) words.insert(token.term);
  }
  pos += kFieldGap;
}

void AppendInt64(std::string& out, std::int64_t value) {
  const auto bits = static_cast<std::uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((bits >> shift) & 0xFFU));
  }
}

std::int64_t ReadInt64(std::string_view data, std::size_t at) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    bits = (bits << 8U) | static_cast<unsigned char>(data[at + i]);
  }
  return static_cast<std::int64_t>(bits);
}

// The XA* terms: who may read the document (mirrors kb::CanRead; see AudienceFilter).
void AddReaderTerms(const Document& doc, Xapian::Document& xdoc) {
  if (!doc.owner.empty()) xdoc.add_boolean_term(ReaderTerm(kOwnerReaderPrefix, doc.org, doc.owner));
  if (!doc.live || doc.status == "archived") return;
  if (doc.visibility == "public") {
    xdoc.add_boolean_term(ReaderTerm(kPublicReaderPrefix, doc.org, ""));
  }
  if (doc.visibility == "public" || doc.visibility == "internal") {
    xdoc.add_boolean_term(ReaderTerm(kStaffReaderPrefix, doc.org, ""));
  }
  if (doc.visibility == "restricted") {
    for (const std::string& role : doc.roles) {
      xdoc.add_boolean_term(ReaderTerm(kRoleReaderPrefix, doc.org, role));
    }
  }
}

}  // namespace

std::string UniqueTerm(std::string_view org, std::string_view id) {
  return ReaderTerm("Q", org, id);  // the same length-prefixed shape
}

std::string ReaderTerm(std::string_view prefix, std::string_view org, std::string_view value) {
  std::string term(prefix);
  term += std::to_string(org.size());
  term.push_back(':');
  term.append(org);
  term.append(value);
  return term;
}

std::string BooleanTerm(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  term.append(value);
  return term;
}

core::Status CheckTermLengths(const Document& doc) {
  auto too_long = [](std::string_view value) { return value.size() > kMaxBooleanTermBytes - 16; };
  if (too_long(doc.org) || too_long(doc.id) ||
      UniqueTerm(doc.org, doc.id).size() > kMaxBooleanTermBytes) {
    return core::InvalidArgument("organisation or article id too long for the index", "id");
  }
  for (const auto* value : {&doc.language, &doc.category, &doc.parent_category, &doc.status,
                            &doc.visibility, &doc.owner}) {
    if (too_long(*value)) return core::InvalidArgument("field too long for the index");
  }
  for (const std::string& role : doc.roles) {
    if (ReaderTerm(kRoleReaderPrefix, doc.org, role).size() > kMaxBooleanTermBytes) {
      return core::InvalidArgument("organisation and role too long for the index", "roles");
    }
  }
  if (ReaderTerm(kOwnerReaderPrefix, doc.org, doc.owner).size() > kMaxBooleanTermBytes) {
    return core::InvalidArgument("organisation and owner too long for the index", "owner");
  }
  for (const auto* list : {&doc.tags, &doc.roles}) {
    for (const std::string& value : *list) {
      if (too_long(value)) return core::InvalidArgument("tag or role too long for the index");
    }
  }
  return core::Ok();
}

BuiltDocument BuildDocument(const Document& doc, const FieldWeights& weights,
                            StemmerCache& stemmers) {
  BuiltDocument built;
  Xapian::Document& xdoc = built.document;
  std::set<std::string> words;
  Xapian::termpos pos = 0;
  IndexText(doc.title, doc.language, weights.title, pos, stemmers, xdoc, words);
  IndexText(doc.summary, doc.language, weights.summary, pos, stemmers, xdoc, words);
  IndexText(doc.body, doc.language, 1, pos, stemmers, xdoc, words);
  for (const std::string& tag : doc.tags) {
    IndexText(tag, doc.language, weights.tag, pos, stemmers, xdoc, words);
  }
  built.spelling_words.assign(words.begin(), words.end());

  xdoc.add_boolean_term(UniqueTerm(doc.org, doc.id));
  xdoc.add_boolean_term(BooleanTerm(kOrgPrefix, doc.org));
  xdoc.add_boolean_term(BooleanTerm(kLanguagePrefix, doc.language));
  if (!doc.category.empty()) xdoc.add_boolean_term(BooleanTerm(kCategoryPrefix, doc.category));
  if (!doc.parent_category.empty()) {
    xdoc.add_boolean_term(BooleanTerm(kCategoryPrefix, doc.parent_category));
  }
  for (const std::string& tag : doc.tags) xdoc.add_boolean_term(BooleanTerm(kTagPrefix, tag));
  xdoc.add_boolean_term(BooleanTerm(kStatusPrefix, doc.status));
  AddReaderTerms(doc, xdoc);

  xdoc.add_value(kUpdatedAtSlot, Xapian::sortable_serialise(static_cast<double>(doc.updated_at)));
  if (doc.verify_due_at != 0) {
    xdoc.add_value(kVerifyDueSlot,
                   Xapian::sortable_serialise(static_cast<double>(doc.verify_due_at)));
  }
  if (!doc.category.empty()) xdoc.add_value(kCategorySlot, doc.category);
  xdoc.add_value(kTitleSlot, doc.title);
  if (!doc.tags.empty()) xdoc.add_value(kTagsSlot, EncodeList(doc.tags));
  xdoc.add_value(kSignalsSlot, EncodeSignals({.updated_at = doc.updated_at,
                                              .verify_due_at = doc.verify_due_at,
                                              .helpful = doc.helpful,
                                              .unhelpful = doc.unhelpful}));
  xdoc.set_data(EncodeRecord({.id = doc.id,
                              .title = doc.title,
                              .slug = doc.slug,
                              .language = doc.language,
                              .category = doc.category,
                              .summary = doc.summary,
                              .body = doc.body}));
  return built;
}

bool IsSpellingWord(std::string_view term) {
  if (term.size() < kMinSpellingBytes || term.size() > kMaxSpellingBytes) return false;
  const auto first = static_cast<unsigned char>(term[0]);
  if (first >= 'A' && first <= 'Z') return false;  // a prefixed term
  std::size_t pos = 0;
  while (pos < term.size()) {
    const core::CodePoint cp = core::DecodeUtf8At(term, pos);
    if (cp.length == 0) return false;
    if ((cp.value >= '0' && cp.value <= '9') || IsCjk(cp.value)) return false;
    pos += cp.length;
  }
  return true;
}

std::string EncodeList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    out += std::to_string(item.size());
    out.push_back(':');
    out += item;
  }
  return out;
}

std::vector<std::string> DecodeList(std::string_view data) {
  std::vector<std::string> items;
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t colon = data.find(':', pos);
    if (colon == std::string_view::npos) break;
    std::size_t length = 0;
    const auto [ptr, ec] = std::from_chars(data.data() + pos, data.data() + colon, length);
    if (ec != std::errc() || ptr != data.data() + colon || length > data.size() - colon - 1) {
      break;
    }
    items.emplace_back(data.substr(colon + 1, length));
    pos = colon + 1 + length;
  }
  return items;
}

std::string EncodeRecord(const StoredRecord& record) {
  std::string out(kRecordVersion);
  out += EncodeList({record.id, record.title, record.slug, record.language, record.category,
                     record.summary, record.body});
  return out;
}

std::optional<StoredRecord> DecodeRecord(std::string_view data) {
  if (!data.starts_with(kRecordVersion)) return std::nullopt;
  std::vector<std::string> fields = DecodeList(data.substr(kRecordVersion.size()));
  if (fields.size() != 7) return std::nullopt;
  return StoredRecord{.id = std::move(fields[0]),
                      .title = std::move(fields[1]),
                      .slug = std::move(fields[2]),
                      .language = std::move(fields[3]),
                      .category = std::move(fields[4]),
                      .summary = std::move(fields[5]),
                      .body = std::move(fields[6])};
}

std::string EncodeSignals(const SignalInputs& inputs) {
  std::string out;
  AppendInt64(out, inputs.updated_at);
  AppendInt64(out, inputs.verify_due_at);
  AppendInt64(out, inputs.helpful);
  AppendInt64(out, inputs.unhelpful);
  return out;
}

SignalInputs DecodeSignals(std::string_view data) {
  if (data.size() != 32) return {};
  return {.updated_at = ReadInt64(data, 0),
          .verify_due_at = ReadInt64(data, 8),
          .helpful = ReadInt64(data, 16),
          .unhelpful = ReadInt64(data, 24)};
}

}  // namespace rapport::index::xapian::internal
