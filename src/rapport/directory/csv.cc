#include "rapport/directory/csv.h"

#include <fmt/format.h>

#include <utility>

namespace rapport::directory {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool IsContinuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// The length of the well-formed UTF-8 sequence at `pos`, or 0 when it is not one: stray
// continuation bytes, overlong forms, surrogates, code points above U+10FFFF and truncated
// sequences are all rejected (RFC 3629, Table 3-7 of the Unicode standard).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[pos + i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char min1 = 0x80;
  unsigned char max1 = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) min1 = 0xA0;  // overlong
    if (b0 == 0xED) max1 = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) min1 = 0x90;  // overlong
    if (b0 == 0xF4) max1 = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (pos + length > s.size()) return 0;
  if (byte(1) < min1 || byte(1) > max1) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (!IsContinuation(byte(i))) return 0;
  }
  return length;
}

class Reader {
 public:
  Reader(std::string_view text, const CsvLimits& limits) : text_(text), limits_(limits) {}

  std::expected<std::vector<CsvRecord>, CsvError> Run() {
    if (text_.starts_with(kByteOrderMark)) {
      pos_ = kByteOrderMark.size();
      line_start_ = pos_;
    }
    std::vector<CsvRecord> records;
    while (pos_ < text_.size()) {
      if (SkipBlankLine()) continue;
      if (records.size() >= limits_.max_records) {
        return Fail(fmt::format("more than {} records", limits_.max_records), false);
      }
      auto record = ReadRecord();
      if (!record) return std::unexpected(std::move(record).error());
      records.push_back(std::move(*record));
    }
    return records;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  // A line break at pos_ (LF or CRLF), consumed; false when there is none.
  bool ConsumeLineBreak() {
    std::size_t width = 0;
    if (Peek() == '\n') width = 1;
    if (Peek() == '\r' && Peek(1) == '\n') width = 2;
    if (width == 0) return false;
    pos_ += width;
    NewLine();
    return true;
  }

  void NewLine() {
    ++line_;
    line_start_ = pos_;
  }

  bool SkipBlankLine() { return ConsumeLineBreak(); }

  // Characters from the start of the line to pos_, plus one.
  int Column() const {
    int column = 1;
    for (std::size_t i = line_start_; i < pos_ && i < text_.size(); ++i) {
      if (!IsContinuation(static_cast<unsigned char>(text_[i]))) ++column;
    }
    return column;
  }

  std::unexpected<CsvError> Fail(std::string message, bool with_column = true) const {
    return std::unexpected(CsvError{line_, with_column ? Column() : 0, std::move(message)});
  }

  std::expected<CsvRecord, CsvError> ReadRecord() {
    CsvRecord record{.line = line_, .fields = {}};
    while (true) {
      if (record.fields.size() >= limits_.max_columns) {
        return Fail(fmt::format("more than {} columns", limits_.max_columns));
      }
      std::string field;
      auto read = Peek() == '"' ? ReadQuoted(field) : ReadUnquoted(field);
      if (!read) return std::unexpected(std::move(read).error());
      record.fields.push_back(std::move(field));
      if (AtEnd() || ConsumeLineBreak()) return record;
      // Both field readers stop only at the end, a line break or a comma.
      ++pos_;
    }
  }

  // Appends the character at pos_ (one UTF-8 sequence) to `field` and advances.
  std::expected<void, CsvError> TakeChar(std::string& field) {
    if (text_[pos_] == '\0') return Fail("NUL byte");
    const std::size_t length = Utf8SequenceLength(text_, pos_);
    if (length == 0) return Fail("invalid UTF-8 (save the file as UTF-8)");
    if (field.size() + length > limits_.max_field_bytes) {
      return Fail(fmt::format("field longer than {} bytes", limits_.max_field_bytes));
    }
    field.append(text_.substr(pos_, length));
    pos_ += length;
    return {};
  }

  std::expected<void, CsvError> ReadUnquoted(std::string& field) {
    while (!AtEnd()) {
      const char c = text_[pos_];
      if (c == ',' || c == '\n') return {};
      if (c == '\r') {
        if (Peek(1) == '\n') return {};
        return Fail("carriage return without a line feed outside quotes");
      }
      if (c == '"') return Fail("quote inside an unquoted field (quote the whole field)");
      auto taken = TakeChar(field);
      if (!taken) return taken;
    }
    return {};
  }

  std::expected<void, CsvError> ReadQuoted(std::string& field) {
    const int start_line = line_;
    const int start_column = Column();
    ++pos_;  // the opening quote
    while (true) {
      if (AtEnd()) {
        return std::unexpected(CsvError{start_line, start_column, "quoted field is never closed"});
      }
      const char c = text_[pos_];
      if (c == '"') {
        if (Peek(1) != '"') break;
        if (field.size() + 1 > limits_.max_field_bytes) {
          return Fail(fmt::format("field longer than {} bytes", limits_.max_field_bytes));
        }
        field.push_back('"');
        pos_ += 2;
        continue;
      }
      auto taken = TakeChar(field);
      if (!taken) return taken;
      if (c == '\n') NewLine();
    }
    ++pos_;  // the closing quote
    const char next = Peek();
    const bool at_boundary =
        AtEnd() || next == ',' || next == '\n' || (next == '\r' && Peek(1) == '\n');
    if (!at_boundary) return Fail("text after a closing quote");
    return {};
  }

  std::string_view text_;
  CsvLimits limits_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

bool NeedsQuotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

// True when `text` is one or more apostrophes followed by a formula trigger.
bool IsQuotedTrigger(std::string_view text) {
  const std::size_t first_other = text.find_first_not_of('\'');
  return first_other != 0 && first_other != std::string_view::npos &&
         IsFormulaTrigger(text[first_other]);
}

}  // namespace

std::string CsvError::ToString() const {
  if (column == 0) return fmt::format("line {}: {}", line, message);
  return fmt::format("line {}, column {}: {}", line, column, message);
}

std::expected<std::vector<CsvRecord>, CsvError> ReadCsv(std::string_view text,
                                                        const CsvLimits& limits) {
  return Reader(text, limits).Run();
}

bool IsFormulaTrigger(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string NeutraliseFormula(std::string_view text) {
  if (text.empty()) return {};
  if (IsFormulaTrigger(text.front()) || IsQuotedTrigger(text)) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

std::string_view UnneutraliseFormula(std::string_view text) {
  if (IsQuotedTrigger(text)) text.remove_prefix(1);
  return text;
}

CsvWriter::CsvWriter(Options options) : options_(options) {
  if (options_.byte_order_mark) text_.append(kByteOrderMark);
}

void CsvWriter::AddRecord(std::span<const std::string> fields) {
  // A record of one empty field would read back as a blank line, which readers skip.
  if (fields.size() == 1 && fields.front().empty()) {
    text_.append("\"\"\r\n");
    return;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text_.push_back(',');
    AddField(fields[i]);
  }
  text_.append("\r\n");
}

void CsvWriter::AddField(std::string_view field) {
  const std::string safe =
      options_.neutralise_formulas ? NeutraliseFormula(field) : std::string(field);
  if (!NeedsQuotes(safe)) {
    text_.append(safe);
    return;
  }
  text_.push_back('"');
  for (char c : safe) {
    if (c == '"') text_.push_back('"');
    text_.push_back(c);
  }
  text_.push_back('"');
}

}  // namespace rapport::directory
