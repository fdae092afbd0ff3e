#pragma once

// The inline Markdown that the HTML to Markdown conversion (html_to_markdown.h) writes: text
// escaped so that it reads back literally, white space collapsed as a browser would, code
// spans, links and emphasis that CommonMark reads as meant. Thread-safety: a value type.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::kb::internal {

// Inline content, with white space collapsed as a browser would and text escaped.
//
// Emphasis (** * ~~) is recorded as pairs of delimiter marks and settled when the content is
// finished: CommonMark only reads a delimiter run as emphasis when it is flanked the right way
// (which depends on the text on both sides, known only at the end), and a pair that would not
// be read is left out, so that the text never shows stray asterisks.
class InlineBuffer {
 public:
  enum class Mode {
    kParagraph,  // may hold hard line breaks
    kLine,       // one line: a heading
    kTableCell,  // one line, and | is escaped everywhere
  };
  // White space at either end of inline content, which goes outside emphasis and links.
  enum class Gap { kNone, kSpace, kBreak };
  // One delimiter of an emphasis pair, at `pos` of the text.
  struct Mark {
    std::size_t pos = 0;
    std::size_t length = 0;
    std::size_t partner = 0;  // index of the other delimiter of the pair
    bool opens = false;
    const void* source = nullptr;  // what asked for the emphasis
  };
  struct Content {
    std::string text;
    std::vector<Mark> marks;
    Gap before = Gap::kNone;
    Gap after = Gap::kNone;
  };

  InlineBuffer(Mode mode, bool at_line_start) : mode_(mode), at_line_start_(at_line_start) {}

  Mode mode() const { return mode_; }
  // True when content appended now would start a line of the output.
  bool AtLineStart() const { return pending_break_ || (out_.empty() && at_line_start_); }

  void Text(std::string_view text);
  // Collapsible white space.
  void Space();
  void Break();
  void AddGap(Gap gap);
  // Already Markdown, without emphasis marks; never starts with white space.
  void Markup(std::string_view markdown);
  // A code span holding `code` literally.
  void Code(std::string code);
  // `content` as it is, its white space outside: a link's text kept without the link, or
  // `prefix` + the text + `suffix` for a link.
  void Append(const Content& content, std::string_view prefix = {}, std::string_view suffix = {});
  // `inner` between `delimiter`s (** * ~~), white space moved outside; a run right after
  // the same emphasis joins it.
  void Delimited(std::string_view delimiter, InlineBuffer&& inner, const void* source);
  // The content for an enclosing buffer, emphasis unsettled.
  Content Take() &&;
  // The finished Markdown, emphasis settled (the sources of the pairs left out are added to
  // `dropped`); the buffer is left empty, at a line start.
  std::string Finish(std::vector<const void*>* dropped = nullptr);

 private:
  // Whether `c` at the start of a line, followed by `next`, would start a block: a heading, a
  // quote, a list item, a thematic break, a setext underline or a table delimiter row.
  static bool StartsBlock(char c, char next);
  // Whether text[i] needs a backslash wherever it is.
  bool NeedsEscape(std::string_view text, std::size_t i) const;
  // Writes the white space that content now needs.
  void BeforeContent();
  void AppendMarked(const Content& content);
  // Whether the delimiter run around marks_[i] (the delimiters of marks touching it with the
  // same character) can only open, for an opener, or only close, for a closer (CommonMark
  // 6.2, "left-flanking delimiter run").
  bool IsFlanked(std::size_t i, const std::vector<bool>& is_mark) const;
  // Drops the pairs CommonMark would not read as emphasis, until every remaining one reads.
  void SettleEmphasis(std::vector<const void*>* dropped);
  // Removes the delimiters of the marks flagged in `drop` from the text.
  void DropMarks(const std::vector<bool>& drop);

  Mode mode_;
  std::string out_;
  std::vector<Mark> marks_;
  bool at_line_start_;
  Gap leading_ = Gap::kNone;
  bool pending_space_ = false;
  bool pending_break_ = false;
  std::size_t bang_ = std::string::npos;  // a literal "!" from text
  // The closing delimiter that ends the text, for joining the next run of the same emphasis.
  std::size_t last_closer_ = std::string::npos;
  std::size_t closer_end_ = std::string::npos;
  // The code span that ends the text, for joining the next one.
  std::string code_;
  std::size_t code_start_ = 0;
  std::size_t code_end_ = std::string::npos;
};

}  // namespace rapport::kb::internal
