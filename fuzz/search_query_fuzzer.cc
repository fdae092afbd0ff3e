// Feeds arbitrary bytes as query text to the search index (Xapian adapter), over a small index
// of articles in several languages and scripts whose text itself carries markup and quotes.
// Beyond "no crash, no leak, no UB, no endless loop":
//   - errors are only InvalidArgument on the field "q" (too long, too many words);
//   - results respect the limit, and total is never below the number of hits;
//   - title_html and snippet are markup-free apart from balanced <mark>...</mark>: every '<'
//     opens <mark> or </mark>, and '>' and '"' appear only escaped outside those tags;
//   - the help center's audience never sees an internal or draft document.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "rapport/index/xapian/xapian_index.h"

namespace {

using namespace rapport;  // NOLINT(google-build-using-namespace): fuzzer entry point

void Check(bool condition) {
  if (!condition) std::abort();
}

index::Document Doc(std::string id, std::string language, std::string title, std::string body,
                    std::string visibility, std::string status) {
  index::Document d;
  d.org = "org";
  d.id = std::move(id);
  d.language = std::move(language);
  d.slug = d.id;
  d.title = std::move(title);
  d.summary = "Summary <b>&amp;</b> \"quoted\"";
  d.body = std::move(body);
  d.tags = {"printing", "<tag>"};
  d.visibility = std::move(visibility);
  d.status = std::move(status);
  d.live = d.status == "published";
  return d;
}

index::SearchIndex& Index() {
  static std::unique_ptr<index::SearchIndex> index = [] {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("rapport-search-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    auto opened = index::OpenXapianIndex(dir);
    Check(opened.has_value());
    std::vector<index::Change> changes;
    const auto add = [&](index::Document d) {
      changes.push_back({.org = d.org, .id = d.id, .document = std::move(d)});
    };
    add(Doc("a1", "en", "Printer <script>alert(1)</script> setup",
            "Install the printer driver, then print a test page. \"Quotes\" & <b>tags</b>.",
            "public", "published"));
    add(Doc("a2", "en", "Paper jam", "Open the tray and remove the jammed paper slowly.",
            "internal", "published"));
    add(Doc("a3", "de", "Drucker einrichten", "Den Druckertreiber installieren und drucken.",
            "public", "published"));
    add(Doc("a4", "zh", "打印机设置", "安装打印机驱动程序，然后打印测试页。", "public",
            "published"));
    add(Doc("a5", "fr", "Écran bleu", "Redémarrez l'ordinateur après la mise à jour.", "public",
            "draft"));
    add(Doc("a6", "ja", "プリンターの設定", "ドライバーをインストールします。", "internal",
            "published"));
    Check((*opened)->Apply(changes, 1).has_value());
    return std::move(*opened);
  }();
  return *index;
}

// Every '<' opens <mark> or </mark>, they nest to depth one and close; '>' and '"' appear only
// as part of those tags.
void CheckMarked(std::string_view html) {
  int depth = 0;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      if (html.substr(i).starts_with("<mark>")) {
        Check(depth == 0);
        depth = 1;
        i += 5;
      } else {
        Check(html.substr(i).starts_with("</mark>"));
        Check(depth == 1);
        depth = 0;
        i += 6;
      }
      continue;
    }
    Check(html[i] != '>' && html[i] != '"');
  }
  Check(depth == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t flags = data[0];
  index::Query query;
  query.org = "org";
  query.text.assign(reinterpret_cast<const char*>(data + 1), size - 1);  // NOLINT
  static constexpr const char* kLanguages[] = {"en", "de", "zh", "fr", "", "xx"};
  query.language = kLanguages[flags % 6];
  query.prefix_last = (flags & 0x08U) != 0;
  query.facets = (flags & 0x10U) != 0;
  query.audience.public_only = (flags & 0x20U) != 0;
  query.audience.see_all = !query.audience.public_only && (flags & 0x40U) != 0;
  query.audience.role = "employee";
  query.limit = 1 + (flags >> 7U) * 4;
  query.min_results = 1 + (flags & 0x03U);
  if ((flags & 0x04U) != 0) query.synonyms = {{"printer", "drucker"}, {"paper jam", "stuck"}};
  auto found = Index().Search(query);
  if (!found) {
    Check(found.error().code() == core::ErrorCode::kInvalidArgument);
    Check(found.error().field() == "q");
    return 0;
  }
  Check(static_cast<int>(found->hits.size()) <= query.limit);
  Check(found->total >= static_cast<int>(found->hits.size()));
  for (const auto& hit : found->hits) {
    CheckMarked(hit.title_html);
    CheckMarked(hit.snippet);
    if (query.audience.public_only) Check(hit.id == "a1" || hit.id == "a3" || hit.id == "a4");
  }
  return 0;
}
