#pragma once

// CSV as spreadsheets and HRIS exports write it (RFC 4180), read strictly and written safely.
//
// Reading: fields separated by commas, records by CRLF or LF (mixed is fine); a field may be
// quoted, and then holds commas, line breaks and doubled quotes (""). A UTF-8 byte-order mark
// at the very start is skipped. Anything else is an error that names the 1-based physical line
// (and column, counted in characters) where it happened: invalid UTF-8 (Latin-1 exports,
// overlong forms, surrogates), NUL bytes, a quote inside an unquoted field, text after a
// closing quote, a carriage return not followed by a line feed outside quotes, an unterminated
// quoted field, and inputs beyond the limits. Blank lines outside quotes are skipped. Fields
// are returned exactly as written (no trimming); the importer decides what whitespace means.
//
// Writing: fields are quoted only when they contain a comma, a quote or a line break; records
// end with CRLF. With formula protection on, a cell that a spreadsheet would evaluate (it
// starts with = + - @ tab or carriage return) gets a leading apostrophe, which spreadsheets
// show as text; `UnneutraliseFormula` undoes it exactly, so export -> import is lossless.
//
// Thread-safety: pure functions and value types; a CsvWriter is used by one thread.

#include <cstddef>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::directory {

struct CsvLimits {
  std::size_t max_field_bytes = 4 * 1024;
  std::size_t max_columns = 200;
  // Records including the header: a header and 200,000 rows.
  std::size_t max_records = 200'001;
};

struct CsvRecord {
  int line = 0;  // 1-based physical line on which the record starts
  std::vector<std::string> fields;
};

struct CsvError {
  int line = 0;    // 1-based physical line
  int column = 0;  // 1-based character column on that line; 0 when not meaningful
  std::string message;

  // "line 3, column 7: quote inside an unquoted field"
  std::string ToString() const;
};

// Every record of `text`, in order. An empty input (or one holding only a BOM and blank
// lines) gives no records.
std::expected<std::vector<CsvRecord>, CsvError> ReadCsv(std::string_view text,
                                                        const CsvLimits& limits = {});

// True when a spreadsheet would treat a cell starting with `c` as a formula.
bool IsFormulaTrigger(char c);

// `text` with a leading apostrophe when it starts with a formula trigger, or with one or more
// apostrophes followed by a trigger (so that a value that really starts with "'=" survives
// the round trip too). Otherwise `text` unchanged.
std::string NeutraliseFormula(std::string_view text);

// The inverse: drops one leading apostrophe when it is followed by apostrophes and then a
// formula trigger, or directly by a trigger. Otherwise `text` unchanged.
std::string_view UnneutraliseFormula(std::string_view text);

// Builds a CSV document record by record.
class CsvWriter {
 public:
  struct Options {
    bool byte_order_mark = false;  // start with a UTF-8 BOM (spreadsheets then detect UTF-8)
    bool neutralise_formulas = true;
  };

  CsvWriter() : CsvWriter(Options{}) {}
  explicit CsvWriter(Options options);

  void AddRecord(std::span<const std::string> fields);
  // The document so far.
  const std::string& text() const { return text_; }
  std::string Take() && { return std::move(text_); }

 private:
  void AddField(std::string_view field);

  Options options_;
  std::string text_;
};

}  // namespace rapport::directory
