// The knowledge base's hot paths, each beside a baseline measured in the same run:
//   - rendering an article body with RenderMarkdown (link checks and rewriting, heading
//     anchors, the process-wide parse lock) against cmark-gfm alone with the same options and
//     GFM extensions (parser, extensions, HTML renderer), on a ~2 KB and a ~60 KB body;
//   - serving a help-center article, KnowledgeBase::HelpArticleFor as the page
//     /help/{category}/{slug} calls it (real SQLite store of 1,000 public articles), against
//     one prepared sqlite3 query fetching the same article's live body by slug from the same
//     database file; with, to split the difference, three of its parts alone: the store's
//     GetBySlug, its look-up of the article's translations, and the public view it records
//     after every read (a durable write transaction);
//   - converting an HTML help page to Markdown with ConvertHtml against libxml2's bare
//     htmlReadMemory parse of the same page with the same options.
// The *Paired benchmarks run Rapport's call and the baseline alternately in one loop and report
// their ratio, which varies less on a shared machine than the ratio of two separate runs.
//
//   cmake --preset bench && cmake --build --preset bench --target kb_benchmark
//   build/bench/bench/kb/kb_benchmark --benchmark_repetitions=5
//     (add --benchmark_report_aggregates_only=true for the aggregates alone)

#include <benchmark/benchmark.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <sqlite3.h>
#include <time.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/kb/help_center.h"
#include "bench/kb/kb_corpus.h"
#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/kb/html_to_markdown.h"
#include "rapport/kb/markdown.h"
#include "rapport/kb/service.h"
#include "rapport/store/store.h"

namespace rapport::kb {
namespace {

using bench::HelpCenter;
using bench::kLongSections;
using bench::kShortSections;

constexpr int kHelpPageSections = 10;  // about 18 KB of HTML

// The options and extensions markdown.cc gives cmark-gfm, so that the baseline does the same
// parse and render and the difference is Rapport's own work.
constexpr int kCmarkOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES;
constexpr std::array kCmarkExtensions = {"table", "strikethrough", "autolink", "tasklist",
                                         "tagfilter"};
// The options html_to_markdown.cc gives libxml2.
constexpr int kHtmlParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                  HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT;

// Ids for the article: links of the rendered bodies (any well-formed ids will do).
std::vector<std::string> SampleIds() {
  core::SeededRandom random(7);
  core::FakeClock clock(core::TimePoint(std::chrono::seconds(1'800'000'000)));
  core::IdGenerator ids(clock, random);
  constexpr int kLinkedArticles = 8;
  std::vector<std::string> out;
  out.reserve(kLinkedArticles);
  for (int i = 0; i < kLinkedArticles; ++i) out.push_back(ids.NewRaw());
  return out;
}

void ReportBody(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  state.counters["body_bytes"] = static_cast<double>(bytes);
}

// Runs `ours` and `baseline` alternately in each iteration (which one goes first alternates
// too), timing each on the thread's CPU clock, and reports the mean of each and their ratio.
// On a shared machine, load that comes and goes hits both sides of a pair alike, so this
// ratio holds better than one taken between two benchmarks run at different moments.
template <typename Ours, typename Baseline>
void Paired(benchmark::State& state, Ours&& ours, Baseline&& baseline) {
  using CpuClock = std::chrono::duration<double, std::micro>;
  const auto now = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return CpuClock(std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec));
  };
  CpuClock ours_total{};
  CpuClock baseline_total{};
  bool ours_first = true;
  for (auto _ : state) {
    const CpuClock start = now();
    if (ours_first && !ours()) state.SkipWithError("Rapport's call failed");
    const CpuClock middle = now();
    baseline();
    const CpuClock after_baseline = now();
    if (!ours_first && !ours()) state.SkipWithError("Rapport's call failed");
    const CpuClock end = now();
    ours_total += (middle - start) + (end - after_baseline);
    baseline_total += after_baseline - middle;
    ours_first = !ours_first;
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["rapport_us"] = ours_total.count() / iterations;
  state.counters["baseline_us"] = baseline_total.count() / iterations;
  state.counters["ratio"] = ours_total.count() / baseline_total.count();
}

// --- Rendering ---

// Resolvers as cheap as they can be, so that only the renderer's own work is measured (the
// service's resolvers read the store; BM_HelpArticleFor includes them).
LinkTargets CheapTargets() {
  LinkTargets targets;
  targets.article = [](std::string_view id) -> std::optional<std::string> {
    return "/help/articles/" + std::string(id);
  };
  targets.attachment = [](std::string_view id) -> std::optional<std::string> {
    return "/help/files/" + std::string(id);
  };
  return targets;
}

bool RenderWithRapport(std::string_view body, const LinkTargets& targets) {
  auto rendered = RenderMarkdown(body, targets);
  benchmark::DoNotOptimize(rendered);
  return rendered.has_value();
}

// The baseline: cmark-gfm parses and renders with the same options and extensions.
void RenderWithCmarkGfm(std::string_view body) {
  cmark_parser* parser = cmark_parser_new(kCmarkOptions);
  for (const char* name : kCmarkExtensions) {
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  }
  cmark_parser_feed(parser, body.data(), body.size());
  cmark_node* root = cmark_parser_finish(parser);
  char* html = cmark_render_html(root, kCmarkOptions, cmark_parser_get_syntax_extensions(parser));
  benchmark::DoNotOptimize(html);
  cmark_get_default_mem_allocator()->free(html);
  cmark_node_free(root);
  cmark_parser_free(parser);
}

void BM_RenderMarkdown(benchmark::State& state) {
  const std::string body = bench::ArticleMarkdown(static_cast<int>(state.range(0)), SampleIds());
  const LinkTargets targets = CheapTargets();
  for (auto _ : state) {
    if (!RenderWithRapport(body, targets)) state.SkipWithError("RenderMarkdown failed");
  }
  ReportBody(state, body.size());
}

void BM_CmarkGfmBaseline(benchmark::State& state) {
  const std::string body = bench::ArticleMarkdown(static_cast<int>(state.range(0)), SampleIds());
  cmark_gfm_core_extensions_ensure_registered();
  for (auto _ : state) RenderWithCmarkGfm(body);
  ReportBody(state, body.size());
}

// Both of the above, alternating, with their ratio.
void BM_RenderMarkdownPaired(benchmark::State& state) {
  const std::string body = bench::ArticleMarkdown(static_cast<int>(state.range(0)), SampleIds());
  const LinkTargets targets = CheapTargets();
  cmark_gfm_core_extensions_ensure_registered();
  Paired(
      state, [&] { return RenderWithRapport(body, targets); }, [&] { RenderWithCmarkGfm(body); });
  state.counters["body_bytes"] = static_cast<double>(body.size());
}

// For reference: CommonMark without the GFM extensions (tables and task lists stay text).
void BM_CmarkCommonMarkOnly(benchmark::State& state) {
  const std::string body = bench::ArticleMarkdown(static_cast<int>(state.range(0)), SampleIds());
  for (auto _ : state) {
    char* html = cmark_markdown_to_html(body.data(), body.size(), CMARK_OPT_DEFAULT);
    benchmark::DoNotOptimize(html);
    cmark_get_default_mem_allocator()->free(html);
  }
  ReportBody(state, body.size());
}

// --- Serving a help-center article ---

std::string DayOf(core::TimePoint t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

// What the page /help/{category}/{slug} asks of the service for a reader whose browser prefers
// English: the article, its category and section, its translations, its body rendered with the
// links resolved for the public, and one public view counted.
void BM_HelpArticleFor(benchmark::State& state) {
  HelpCenter& center = HelpCenter::Shared();
  const std::string slug = center.SlugFor(static_cast<int>(state.range(0)));
  const std::vector<std::string> languages = {"en"};
  std::size_t body_bytes = 0;
  for (auto _ : state) {
    auto article = center.kb().HelpArticleFor(center.org(), slug, languages);
    if (!article) {
      state.SkipWithError(article.error().ToString().c_str());
      break;
    }
    body_bytes = article->article.head.body.size();
    benchmark::DoNotOptimize(article);
  }
  ReportBody(state, body_bytes);
}

// Part of the above: the store's read of the article by slug (one read transaction, the
// article row joined with its head and live revisions, decoded into a store::Article).
void BM_StoreArticleBySlug(benchmark::State& state) {
  HelpCenter& center = HelpCenter::Shared();
  const int sections = static_cast<int>(state.range(0));
  std::size_t body_bytes = 0;
  for (auto _ : state) {
    auto article = center.ArticleFor(sections);
    if (!article) {
      state.SkipWithError(article.error().ToString().c_str());
      break;
    }
    body_bytes = article->published->body.size();
    benchmark::DoNotOptimize(article);
  }
  ReportBody(state, body_bytes);
}

// Part of the above: HelpArticleFor's look-up of the article's public translations, the same
// store query with the same filter (public, live, not archived, one translation group). The
// group holds only the article itself, so any cost beyond one indexed look-up is the query
// plan's.
void BM_StoreTranslationSiblings(benchmark::State& state) {
  HelpCenter& center = HelpCenter::Shared();
  const auto article = center.ArticleFor(kShortSections);
  if (!article) {
    state.SkipWithError(article.error().ToString().c_str());
    return;
  }
  store::ArticleFilter group;
  group.published_only = true;
  group.visibility = store::Visibility::kPublic;
  group.statuses = {store::ArticleStatus::kDraft, store::ArticleStatus::kInReview,
                    store::ArticleStatus::kPublished};
  group.translation_group = article->translation_group;
  for (auto _ : state) {
    auto siblings =
        store::ReadValue<store::Page<store::Article>>(center.store(), [&](store::ReadTx& tx) {
          return tx.articles().List(center.org(), group, {.limit = 100, .cursor = {}});
        });
    if (!siblings || siblings->items.size() != 1) {
      state.SkipWithError("the translation group should hold the article alone");
      break;
    }
    benchmark::DoNotOptimize(siblings);
  }
}

// Part of the above: the public view HelpArticleFor counts after every read, alone (one write
// transaction: the article's existence check and an upsert of its row for the day, committed
// durably, so it waits for one fsync).
void BM_RecordPublicView(benchmark::State& state) {
  HelpCenter& center = HelpCenter::Shared();
  const auto article = center.ArticleFor(kShortSections);
  if (!article) {
    state.SkipWithError(article.error().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    const std::string day = DayOf(center.clock().Now());
    const auto status = center.store().Write([&](store::WriteTx& tx) {
      return tx.feedback().RecordView(center.org(), article->id, day, true);
    });
    if (!status) state.SkipWithError(status.error().ToString().c_str());
  }
}

// Baseline: one prepared query on its own read-only connection to the same database file,
// fetching the live body of the same public article by slug, copied out as a string.
void BM_RawSqliteBodyBySlug(benchmark::State& state) {
  HelpCenter& center = HelpCenter::Shared();
  const std::string slug = center.SlugFor(static_cast<int>(state.range(0)));
  const std::string org = center.org().str();
  sqlite3* db = nullptr;
  sqlite3_stmt* query = nullptr;
  if (sqlite3_open_v2(center.DatabaseFile().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
          SQLITE_OK ||
      sqlite3_prepare_v2(db,
                         "SELECT r.body FROM kb_articles a JOIN kb_revisions r ON r.org_id = "
                         "a.org_id AND r.article_id = a.id AND r.number = a.published_revision "
                         "WHERE a.org_id = ?1 AND a.language = 'en' AND a.slug = ?2 AND "
                         "a.visibility = 'public' AND a.status <> 'archived'",
                         -1, &query, nullptr) != SQLITE_OK) {
    state.SkipWithError(sqlite3_errmsg(db));
    sqlite3_close(db);
    return;
  }
  std::string body;
  for (auto _ : state) {
    sqlite3_bind_text(query, 1, org.data(), static_cast<int>(org.size()), SQLITE_STATIC);
    sqlite3_bind_text(query, 2, slug.data(), static_cast<int>(slug.size()), SQLITE_STATIC);
    if (sqlite3_step(query) != SQLITE_ROW) {
      state.SkipWithError("the article is missing");
      break;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(query, 0));
    body.assign(text, static_cast<std::size_t>(sqlite3_column_bytes(query, 0)));
    benchmark::DoNotOptimize(body);
    sqlite3_reset(query);
  }
  sqlite3_finalize(query);
  sqlite3_close(db);
  ReportBody(state, body.size());
}

// --- Converting an HTML help page ---

bool ConvertWithRapport(std::string_view page) {
  auto converted = ConvertHtml(page);
  benchmark::DoNotOptimize(converted);
  return converted.has_value();
}

// The baseline: libxml2 parses the same page into a tree with the same options, and frees it.
void ParseWithLibxml2(std::string_view page) {
  xmlDoc* doc = htmlReadMemory(page.data(), static_cast<int>(page.size()), nullptr, nullptr,
                               kHtmlParseOptions);
  benchmark::DoNotOptimize(doc);
  xmlFreeDoc(doc);
}

void BM_ConvertHtml(benchmark::State& state) {
  const std::string page = bench::HelpPageHtml(kHelpPageSections);
  for (auto _ : state) {
    if (!ConvertWithRapport(page)) state.SkipWithError("ConvertHtml failed");
  }
  ReportBody(state, page.size());
}

void BM_LibxmlParseBaseline(benchmark::State& state) {
  const std::string page = bench::HelpPageHtml(kHelpPageSections);
  xmlInitParser();
  for (auto _ : state) ParseWithLibxml2(page);
  ReportBody(state, page.size());
}

// Both of the above, alternating, with their ratio.
void BM_ConvertHtmlPaired(benchmark::State& state) {
  const std::string page = bench::HelpPageHtml(kHelpPageSections);
  xmlInitParser();
  Paired(
      state, [&] { return ConvertWithRapport(page); }, [&] { ParseWithLibxml2(page); });
  state.counters["body_bytes"] = static_cast<double>(page.size());
}

BENCHMARK(BM_RenderMarkdown)
    ->ArgName("sections")
    ->Arg(kShortSections)
    ->Arg(kLongSections)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CmarkGfmBaseline)
    ->ArgName("sections")
    ->Arg(kShortSections)
    ->Arg(kLongSections)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RenderMarkdownPaired)
    ->ArgName("sections")
    ->Arg(kShortSections)
    ->Arg(kLongSections)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CmarkCommonMarkOnly)
    ->ArgName("sections")
    ->Arg(kShortSections)
    ->Arg(kLongSections)
    ->Unit(benchmark::kMicrosecond);
// Serving waits for the disk (the view's fsync), so wall time is the measure.
BENCHMARK(BM_HelpArticleFor)
    ->ArgName("sections")
    ->Arg(kShortSections)
    ->Arg(kLongSections)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK(BM_StoreArticleBySlug)
    ->ArgName("sections")
    ->Arg(kShortSections)
    ->Arg(kLongSections)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK(BM_StoreTranslationSiblings)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_RecordPublicView)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_RawSqliteBodyBySlug)
    ->ArgName("sections")
    ->Arg(kShortSections)
    ->Arg(kLongSections)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK(BM_ConvertHtml)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LibxmlParseBaseline)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ConvertHtmlPaired)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace rapport::kb
