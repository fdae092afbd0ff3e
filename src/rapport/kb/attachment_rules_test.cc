#include "rapport/kb/attachment_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace rapport::kb {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kPng("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16);
const std::string kJpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10);
const std::string kGif("GIF89a\x01\x00\x01\x00", 10);
const std::string kWebp("RIFF\x24\0\0\0WEBPVP8 ", 16);
const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";

void PutLe(std::string& out, std::uint32_t value, int width) {
  for (int i = 0; i < width; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFU));
}

// A stored (uncompressed) ZIP archive of empty files with these names.
std::string MakeZip(const std::vector<std::string>& names) {
  std::string out;
  std::string directory;
  for (const std::string& name : names) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    out += "PK\x03\x04";
    PutLe(out, 20, 2);  // version needed
    PutLe(out, 0, 2);   // flags
    PutLe(out, 0, 2);   // stored
    PutLe(out, 0, 4);   // time, date
    PutLe(out, 0, 4);   // crc-32
    PutLe(out, 0, 4);   // compressed size
    PutLe(out, 0, 4);   // size
    PutLe(out, static_cast<std::uint32_t>(name.size()), 2);
    PutLe(out, 0, 2);  // extra
    out += name;

    directory += "PK\x01\x02";
    PutLe(directory, 20, 2);  // made by
    PutLe(directory, 20, 2);  // version needed
    PutLe(directory, 0, 2);   // flags
    PutLe(directory, 0, 2);   // stored
    PutLe(directory, 0, 4);   // time, date
    PutLe(directory, 0, 4);   // crc-32
    PutLe(directory, 0, 4);   // compressed size
    PutLe(directory, 0, 4);   // size
    PutLe(directory, static_cast<std::uint32_t>(name.size()), 2);
    PutLe(directory, 0, 2);  // extra
    PutLe(directory, 0, 2);  // comment
    PutLe(directory, 0, 2);  // disk
    PutLe(directory, 0, 2);  // internal attributes
    PutLe(directory, 0, 4);  // external attributes
    PutLe(directory, offset, 4);
    directory += name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  out += "PK\x05\x06";
  PutLe(out, 0, 2);
  PutLe(out, 0, 2);
  PutLe(out, static_cast<std::uint32_t>(names.size()), 2);
  PutLe(out, static_cast<std::uint32_t>(names.size()), 2);
  PutLe(out, static_cast<std::uint32_t>(directory.size()), 4);
  PutLe(out, directory_offset, 4);
  PutLe(out, 0, 2);  // comment
  return out;
}

SniffedType Sniff(std::string_view bytes) {
  const auto type = SniffType(bytes);
  EXPECT_TRUE(type.has_value()) << type.error().ToString();
  return type.value_or(SniffedType{});
}

core::Error Refusal(std::string_view bytes) {
  const auto type = SniffType(bytes);
  EXPECT_FALSE(type.has_value()) << type->content_type;
  return type ? core::Error(core::ErrorCode::kInternal, "accepted") : type.error();
}

SniffedType TypeOf(std::string_view content_type, std::string_view extension, bool inline_safe) {
  return {std::string(content_type), std::string(extension), inline_safe};
}

const SniffedType kPngType = TypeOf("image/png", "png", true);
const SniffedType kJpegType = TypeOf("image/jpeg", "jpg", true);
const SniffedType kPdfType = TypeOf("application/pdf", "pdf", false);
const SniffedType kTextType = TypeOf("text/plain; charset=utf-8", "txt", false);

TEST(SniffType, RecognisesImagesAsInlineSafe) {
  EXPECT_EQ(Sniff(kPng), kPngType);
  EXPECT_EQ(Sniff(kJpeg), kJpegType);
  EXPECT_EQ(Sniff(kGif), TypeOf("image/gif", "gif", true));
  EXPECT_EQ(Sniff("GIF87a"), TypeOf("image/gif", "gif", true));
  EXPECT_EQ(Sniff(kWebp), TypeOf("image/webp", "webp", true));
}

TEST(SniffType, RecognisesDocumentsAsDownloads) {
  EXPECT_EQ(Sniff(kPdf), kPdfType);
  EXPECT_EQ(Sniff(MakeZip({"a.txt", "b/c.txt"})), TypeOf("application/zip", "zip", false));
  EXPECT_EQ(Sniff(MakeZip({})), TypeOf("application/zip", "zip", false));
}

TEST(SniffType, TellsOfficeDocumentsByTheirParts) {
  EXPECT_EQ(Sniff(MakeZip({"[Content_Types].xml", "_rels/.rels", "word/document.xml"})),
            TypeOf("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   "docx", false));
  EXPECT_EQ(
      Sniff(MakeZip({"[Content_Types].xml", "xl/workbook.xml"})),
      TypeOf("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", false));
  EXPECT_EQ(Sniff(MakeZip({"[Content_Types].xml", "ppt/presentation.xml"})).extension, "pptx");
  // The parts must all be there.
  EXPECT_EQ(Sniff(MakeZip({"word/document.xml"})).extension, "zip");
  EXPECT_EQ(Sniff(MakeZip({"[Content_Types].xml", "other/x.xml"})).extension, "zip");
}

TEST(SniffType, DamagedZipIsStillAZipAndNeverReadsOutOfBounds) {
  EXPECT_EQ(Sniff("PK\x03\x04").extension, "zip");
  const std::string docx = MakeZip({"[Content_Types].xml", "word/document.xml"});
  // Every truncation: the end record is gone or points past the data.
  for (std::size_t size = 4; size < docx.size(); ++size) {
    EXPECT_EQ(Sniff(docx.substr(0, size)).content_type.substr(0, 12), "application/");
  }
  // An end record that claims more entries than the directory holds: the ones there count.
  std::string lying = docx;
  lying[lying.size() - 12] = '\xFF';  // entries
  EXPECT_EQ(Sniff(lying).extension, "docx");
  // One whose directory would run past the end record.
  lying[lying.size() - 9] = '\x7F';  // directory size
  EXPECT_EQ(Sniff(lying).extension, "zip");
  lying = docx;
  lying[lying.size() - 3] = '\x7F';  // directory offset
  EXPECT_EQ(Sniff(lying).extension, "zip");
}

TEST(SniffType, RecognisesUtf8TextAndCsv) {
  EXPECT_EQ(Sniff("hello\nworld\n"), kTextType);
  EXPECT_EQ(Sniff("name,email\nAda,ada@example.com\n"), kTextType);
  EXPECT_EQ(Sniff("\xEF\xBB\xBF"
                  "Grüße, 日本語\r\n"),
            kTextType);
  // A text that mentions tags later on is still text.
  EXPECT_EQ(Sniff("Use <script> with care"), kTextType);
}

TEST(SniffType, LooksAtTheFirst8KiBForText) {
  // A multi-byte character across the 8 KiB mark, then invalid bytes after it.
  std::string text(8 * 1024 - 1, 'a');
  text += "\xC3\xA9";
  text += "\xFF\xFE";
  EXPECT_EQ(Sniff(text), kTextType);
  // Latin-1 and NUL within the window are not text.
  EXPECT_THAT(Refusal("caf\xE9").message(), HasSubstr("not accepted"));
  EXPECT_THAT(Refusal(std::string("a\0b", 3)).message(), HasSubstr("not accepted"));
}

TEST(SniffType, RefusesHtmlSvgAndXmlWhateverTheirDressing) {
  const std::vector<std::string> markup = {
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
      "\xEF\xBB\xBF<svg onload=alert(1)>",
      " \t\r\n<SVG>",
      "<?xml version=\"1.0\"?><svg/>",
      "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"><svg/>",
      "<!doctype html><p>hi",
      "<HTML><body>",
      "\n\n<ScRiPt>alert(1)</script>",
      "<!-- comment --><html>",
      "<body onload=alert(1)>",
      "<iframe src=x>",
  };
  for (const std::string& bytes : markup) {
    SCOPED_TRACE(bytes);
    const core::Error error = Refusal(bytes);
    EXPECT_EQ(error.code(), core::ErrorCode::kUnprocessable);
    EXPECT_THAT(error.message(), HasSubstr("is not an accepted file type"));
    EXPECT_EQ(error.field(), "file");
  }
}

TEST(SniffType, RefusesUnknownBinariesNamingTheAcceptedTypes) {
  const core::Error error =
      Refusal(std::string("\x7F"
                          "ELF\x02\x01\x01\0\0",
                          9));
  EXPECT_EQ(error.code(), core::ErrorCode::kUnprocessable);
  EXPECT_EQ(error.field(), "file");
  EXPECT_THAT(error.message(), HasSubstr("PNG"));
  EXPECT_THAT(error.message(), HasSubstr("PDF"));
  EXPECT_THAT(Refusal(std::string("MZ\x90\x00", 4)).message(), HasSubstr("accepted types"));
  // A signature cut short is not the format.
  EXPECT_EQ(Refusal("\x89PNG\r\n").code(), core::ErrorCode::kUnprocessable);
  EXPECT_EQ(Sniff("GIF8"), kTextType);
}

TEST(SniffType, TrustsBytesNotNames) {
  // The name plays no part: an HTML page is refused whatever it is called, and a polyglot GIF
  // that carries HTML after its header is a GIF. It is served as image/gif with nosniff, so a
  // browser never renders it as a page; being an image, it may be shown inline.
  const SniffedType polyglot = Sniff("GIF89a/*<html><script>alert(1)</script>*/");
  EXPECT_EQ(polyglot.content_type, "image/gif");
  EXPECT_TRUE(polyglot.inline_safe);
}

TEST(CheckUpload, RefusesEmptyFiles) {
  const auto type = CheckUpload("");
  ASSERT_FALSE(type.has_value());
  EXPECT_EQ(type.error().code(), core::ErrorCode::kUnprocessable);
  EXPECT_EQ(type.error().field(), "file");
  EXPECT_THAT(type.error().message(), HasSubstr("empty"));
}

TEST(CheckUpload, RefusesFilesOverTheLimit) {
  const AttachmentLimits limits{.max_bytes = 32};
  const std::string at_limit = kPng + std::string(32 - kPng.size(), '\0');
  EXPECT_TRUE(CheckUpload(at_limit, limits).has_value());
  const auto over = CheckUpload(at_limit + "x", limits);
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code(), core::ErrorCode::kTooLarge);
  EXPECT_EQ(over.error().field(), "file");
  EXPECT_THAT(over.error().message(), HasSubstr("32 bytes"));
}

TEST(CheckUpload, DefaultLimitIsTenMiB) {
  std::string bytes = kPdf;
  bytes.resize(std::size_t{10} << 20U, ' ');
  EXPECT_TRUE(CheckUpload(bytes).has_value());
  bytes.push_back(' ');
  const auto over = CheckUpload(bytes);
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code(), core::ErrorCode::kTooLarge);
  EXPECT_THAT(over.error().message(), HasSubstr("10 MiB"));
}

TEST(CheckUpload, ReturnsTheSniffedTypeOrItsRefusal) {
  EXPECT_EQ(CheckUpload(kJpeg).value_or(SniffedType{}), kJpegType);
  const auto html = CheckUpload("<html>");
  ASSERT_FALSE(html.has_value());
  EXPECT_EQ(html.error().code(), core::ErrorCode::kUnprocessable);
}

TEST(CleanFilename, KeepsOnlyTheBaseName) {
  EXPECT_EQ(CleanFilename("../../etc/passwd", kTextType), "passwd.txt");
  EXPECT_EQ(CleanFilename("C:\\evil\\a.png", kPngType), "a.png");
  EXPECT_EQ(CleanFilename("dir/sub\\..\\x.pdf", kPdfType), "x.pdf");
  EXPECT_EQ(CleanFilename("/", kPdfType), "file.pdf");
}

TEST(CleanFilename, ReplacesAnExtensionThatDisagreesWithTheBytes) {
  EXPECT_EQ(CleanFilename("cat.html", kPngType), "cat.png");
  EXPECT_EQ(CleanFilename("invoice.exe", kPngType), "invoice.png");
  // A double extension whose first part agrees keeps just that.
  EXPECT_EQ(CleanFilename("photo.png.exe", kPngType), "photo.png");
  EXPECT_EQ(CleanFilename("photo.gif.exe", kPngType), "photo.gif.png");
  EXPECT_EQ(CleanFilename("report", kPdfType), "report.pdf");
  EXPECT_EQ(CleanFilename("v1.2 final notes", kTextType), "v1.2 final notes.txt");
  // Agreeing extensions and their usual aliases stay as written.
  EXPECT_EQ(CleanFilename("photo.JPEG", kJpegType), "photo.JPEG");
  EXPECT_EQ(CleanFilename("scan.PDF", kPdfType), "scan.PDF");
  EXPECT_EQ(CleanFilename("people.csv", kTextType), "people.csv");
  EXPECT_EQ(CleanFilename("notes.md", kTextType), "notes.md");
  EXPECT_EQ(CleanFilename("page.html", kTextType), "page.txt");
}

TEST(CleanFilename, RemovesControlInvisibleAndQuoteCharacters) {
  // U+202E RIGHT-TO-LEFT OVERRIDE would show "invoice\u202Egnp.exe" as "invoiceexe.png".
  EXPECT_EQ(CleanFilename("invoice\u202Egnp.exe", kPngType), "invoicegnp.png");
  EXPECT_EQ(CleanFilename(std::string("a\0b.png", 7), kPngType), "ab.png");
  EXPECT_EQ(CleanFilename("zero\u200Bwidth\xEF\xBB\xBF.pdf", kPdfType), "zerowidth.pdf");
  EXPECT_EQ(CleanFilename("say \"hi\" 'there'.pdf", kPdfType), "say hi there.pdf");
  EXPECT_EQ(CleanFilename("bell\x07\x1B[31m.pdf", kPdfType), "bell_31m.pdf");
}

TEST(CleanFilename, CollapsesSpacesAndTrimsDots) {
  EXPECT_EQ(CleanFilename("  my   \t file\n .pdf", kPdfType), "my file.pdf");
  EXPECT_EQ(CleanFilename("a\u00A0\u3000b.pdf", kPdfType), "a b.pdf");
  EXPECT_EQ(CleanFilename(".htaccess", kTextType), "htaccess.txt");
  EXPECT_EQ(CleanFilename(".pdf", kPdfType), "pdf.pdf");
  EXPECT_EQ(CleanFilename("trailing. . .pdf", kPdfType), "trailing.pdf");
  EXPECT_EQ(CleanFilename("report.pdf...", kPdfType), "report.pdf");
}

TEST(CleanFilename, FallsBackToFileWhenNothingIsLeft) {
  for (const std::string_view name : {"", ".", "..", "...", " . ", "\"\"", "../..", "/. ."}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(CleanFilename(name, kPdfType), "file.pdf");
  }
}

TEST(CleanFilename, KeepsLettersOfOtherScriptsAndReplacesOtherCharacters) {
  EXPECT_EQ(CleanFilename("Résumé 履歴書.pdf", kPdfType), "Résumé 履歴書.pdf");
  EXPECT_EQ(CleanFilename("Отчёт (2024).pdf", kPdfType), "Отчёт (2024).pdf");
  EXPECT_EQ(CleanFilename("a<b>|c*?:.pdf", kPdfType), "a_b__c___.pdf");
  // Look-alikes of '/' and '.' are not letters.
  EXPECT_EQ(CleanFilename("a\u2215b\uFF0Fc\u2024pdf", kPdfType), "a_b_c_pdf.pdf");
  EXPECT_EQ(CleanFilename("\xFF\xFE"
                          "a.pdf",
                          kPdfType),
            "__a.pdf");
  EXPECT_EQ(CleanFilename("emoji 😀.png", kPngType), "emoji _.png");
}

TEST(CleanFilename, LimitsLengthOnACodePointBoundaryKeepingTheExtension) {
  const std::string long_ascii = CleanFilename(std::string(300, 'a') + ".pdf", kPdfType);
  EXPECT_EQ(long_ascii, std::string(116, 'a') + ".pdf");
  EXPECT_EQ(long_ascii.size(), kMaxFilenameBytes);

  std::string kanji;
  for (int i = 0; i < 50; ++i) kanji += "履";  // 3 bytes each
  std::string expected;
  for (int i = 0; i < 38; ++i) expected += "履";  // 114 of the 116 bytes before ".png"
  EXPECT_EQ(CleanFilename(kanji + ".exe", kPngType), expected + ".png");
}

TEST(CleanFilename, NeverReturnsADotNameOrAPath) {
  const std::vector<std::string> hostile = {"..",         "../",
                                            "..\\..",     ". .",
                                            "\u202E..",   std::string("..\0.", 4),
                                            "/..",        "..%2f..%2fpwn",
                                            "a/../../..", std::string(500, '.'),
                                            "con.txt...", "\\\\?\\C:\\x"};
  for (const std::string& name : hostile) {
    SCOPED_TRACE(name);
    const std::string cleaned = CleanFilename(name, kTextType);
    EXPECT_NE(cleaned, ".");
    EXPECT_NE(cleaned, "..");
    EXPECT_FALSE(cleaned.empty());
    EXPECT_THAT(cleaned, Not(HasSubstr("/")));
    EXPECT_THAT(cleaned, Not(HasSubstr("\\")));
    EXPECT_NE(cleaned.front(), '.');
    EXPECT_LE(cleaned.size(), kMaxFilenameBytes);
  }
}

TEST(ContentDisposition, ShowsImagesInlineAndDownloadsTheRest) {
  EXPECT_EQ(ContentDisposition("cat.png", kPngType),
            "inline; filename=\"cat.png\"; filename*=UTF-8''cat.png");
  EXPECT_EQ(ContentDisposition("report.pdf", kPdfType),
            "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
}

TEST(ContentDisposition, EncodesQuotesPercentAndNonAscii) {
  EXPECT_EQ(ContentDisposition("my \"report\" 100%.pdf", kPdfType),
            "attachment; filename=\"my _report_ 100_.pdf\"; "
            "filename*=UTF-8''my%20%22report%22%20100%25.pdf");
  EXPECT_EQ(ContentDisposition("Résumé.pdf", kPdfType),
            "attachment; filename=\"R_sum_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf");
  EXPECT_EQ(ContentDisposition("履歴書.txt", kTextType),
            "attachment; filename=\"___.txt\"; "
            "filename*=UTF-8''%E5%B1%A5%E6%AD%B4%E6%9B%B8.txt");
  EXPECT_EQ(ContentDisposition("a\\b;c.pdf", kPdfType),
            "attachment; filename=\"a_b;c.pdf\"; filename*=UTF-8''a%5Cb%3Bc.pdf");
}

TEST(ContentDisposition, NeverLetsControlCharactersIntoTheHeader) {
  const std::string value =
      ContentDisposition("a\r\nSet-Cookie: x=1\x7F\xC2\x85\xFF.pdf", kPdfType);
  EXPECT_THAT(value, Not(HasSubstr("\r")));
  EXPECT_THAT(value, Not(HasSubstr("\n")));
  EXPECT_THAT(value, Not(HasSubstr("\x7F")));
  EXPECT_EQ(value,
            "attachment; filename=\"aSet-Cookie: x=1_.pdf\"; "
            "filename*=UTF-8''aSet-Cookie%3A%20x%3D1_.pdf");
}

}  // namespace
}  // namespace rapport::kb
