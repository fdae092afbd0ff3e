#include "app/demo_kb.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <vector>

#include "rapport/core/random.h"
#include "rapport/kb/bundle.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not in a header

namespace rapport::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPackage = "libreoffice-help-en-us";
constexpr std::string_view kHelpText = "usr/share/libreoffice/help/en-US/text";
constexpr std::string_view kUnpacked = "libreoffice-help";

// LibreOffice's modules and help folders, as the demo's categories and sections.
struct Module {
  std::string_view folder;
  std::string_view category;
};
constexpr std::array<Module, 9> kModules = {{{"swriter", "Writer"},
                                             {"scalc", "Calc"},
                                             {"simpress", "Impress"},
                                             {"sdraw", "Draw"},
                                             {"sbasic", "Basic"},
                                             {"smath", "Math"},
                                             {"schart", "Charts"},
                                             {"sdatabase", "Base"},
                                             {"shared", "General"}}};
struct Section {
  std::string_view folder;
  std::string_view section;
};
constexpr std::array<Section, 14> kSections = {{{"guide", "Guides"},
                                                {"01", "Menus"},
                                                {"02", "Toolbars"},
                                                {"00", "Reference"},
                                                {"optionen", "Options"},
                                                {"04", "Shortcuts"},
                                                {"05", "Help"},
                                                {"06", "Screenshots"},
                                                {"07", "Web pages"},
                                                {"autopi", "Wizards"},
                                                {"autokorr", "AutoCorrect"},
                                                {"python", "Python"},
                                                {"shared", "Language reference"},
                                                {"librelogo", "LibreLogo"}}};

// What `make run` imports: every module's guides and the shared menus, about 770 pages (the
// whole help is about 2,500).
bool Imported(std::string_view module, std::string_view folder) {
  return folder == "guide" || (module == "shared" && folder == "01");
}

std::string_view CategoryOf(std::string_view module) {
  for (const Module& m : kModules) {
    if (m.folder == module) return m.category;
  }
  return {};
}

std::string_view SectionOf(std::string_view folder) {
  for (const Section& s : kSections) {
    if (s.folder == folder) return s.section;
  }
  return folder;
}

// Runs a fixed command in `cwd`, its output appended to `log`; the exit status, or -1.
int RunTool(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& log) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const std::string log_path = fs::absolute(log).string();
  posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = -1;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The unpacked help's text folder, fetching the package on first use; an explanation when it
// cannot be had.
std::expected<fs::path, std::string> HelpText(const fs::path& cache) {
  const fs::path unpacked = cache / kUnpacked;
  fs::path text = unpacked / kHelpText;
  std::error_code ec;
  if (fs::is_directory(text, ec)) return text;
  fs::create_directories(cache, ec);
  if (ec) return std::unexpected(fmt::format("cannot create {}: {}", cache.string(), ec.message()));
  const fs::path log = cache / "fetch.log";
  if (RunTool({"apt-get", "download", std::string(kPackage)}, cache, log) != 0) {
    return std::unexpected(
        fmt::format("`apt-get download {}` failed (see {})", kPackage, log.string()));
  }
  fs::path deb;
  for (const auto& entry : fs::directory_iterator(cache, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(std::string(kPackage) + "_") && name.ends_with(".deb")) {
      deb = std::max(deb, entry.path());
    }
  }
  if (deb.empty())
    return std::unexpected(fmt::format("no {} package in {}", kPackage, cache.string()));
  // Unpacked beside, then renamed: a half-unpacked tree is never taken for a complete one.
  const fs::path partial = cache / (std::string(kUnpacked) + ".partial");
  fs::remove_all(partial, ec);
  if (RunTool({"dpkg-deb", "-x", deb.string(), partial.string()}, cache, log) != 0) {
    return std::unexpected(fmt::format("`dpkg-deb -x` failed (see {})", log.string()));
  }
  fs::rename(partial, unpacked, ec);
  if (ec || !fs::is_directory(text, ec)) {
    return std::unexpected(fmt::format("the package holds no {}", kHelpText));
  }
  return text;
}

// Points the page's links at the bundle's folders: <base href> becomes the bundle root seen
// from Category/Section/, and "en-US/text/<module>/<folder>/" of an imported folder becomes
// "<Category>/<Section>/". Links to pages left out then name no file and are dropped.
std::string RewriteLinks(std::string html) {
  constexpr std::string_view kBase = "<base href=\"";
  if (const std::size_t base = html.find(kBase); base != std::string::npos) {
    const std::size_t value = base + kBase.size();
    const std::size_t end = html.find('"', value);
    if (end != std::string::npos) html.replace(value, end - value, "../../");
  }
  constexpr std::string_view kLink = "href=\"en-US/text/";
  std::string out;
  out.reserve(html.size());
  std::size_t pos = 0;
  while (true) {
    const std::size_t at = html.find(kLink, pos);
    if (at == std::string::npos) break;
    const std::size_t module_start = at + kLink.size();
    const std::size_t module_end = html.find('/', module_start);
    const std::size_t folder_end =
        module_end == std::string::npos ? module_end : html.find('/', module_end + 1);
    out.append(html, pos, module_start - pos);
    pos = module_start;
    if (folder_end == std::string::npos) continue;
    const std::string_view module(html.data() + module_start, module_end - module_start);
    const std::string_view folder(html.data() + module_end + 1, folder_end - module_end - 1);
    if (!Imported(module, folder) || CategoryOf(module).empty()) continue;
    out.resize(out.size() - (kLink.size() - std::string_view("href=\"").size()));
    out += fmt::format("{}/{}/", CategoryOf(module), SectionOf(folder));
    pos = folder_end + 1;
  }
  out.append(html, pos);
  return out;
}

std::vector<kb::BundleFile> HelpBundle(const fs::path& text) {
  std::vector<kb::BundleFile> files;
  for (const Module& m : kModules) {
    std::error_code ec;
    for (const auto& folder : fs::directory_iterator(text / m.folder, ec)) {
      const std::string folder_name = folder.path().filename().string();
      if (!folder.is_directory(ec) || !Imported(m.folder, folder_name)) continue;
      for (const auto& page : fs::directory_iterator(folder.path(), ec)) {
        if (page.path().extension() != ".html" || !page.is_regular_file(ec)) continue;
        std::ifstream in(page.path(), std::ios::binary);
        std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        files.push_back({.path = fmt::format("{}/{}/{}", m.category, SectionOf(folder_name),
                                             page.path().filename().string()),
                         .bytes = RewriteLinks(std::move(html))});
      }
    }
  }
  std::ranges::sort(files, {}, &kb::BundleFile::path);
  return files;
}

// "YYYY-MM-DD" (UTC) of `t`.
std::string Day(core::TimePoint t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

struct Comment {
  store::FeedbackReason reason;
  std::string_view text;
};
constexpr std::array<Comment, 8> kComments = {{
    {store::FeedbackReason::kNone, "Exactly what I needed."},
    {store::FeedbackReason::kNone, "Clear steps, thank you!"},
    {store::FeedbackReason::kNone, ""},
    {store::FeedbackReason::kOutdated, "The menu names changed in the version we use."},
    {store::FeedbackReason::kIncorrect, "Step 3 does not match what I see on screen."},
    {store::FeedbackReason::kUnclear, "Hard to follow without a screenshot."},
    {store::FeedbackReason::kMissingInformation, "Does not say what to do on a Mac."},
    {store::FeedbackReason::kUnclear, ""},
}};
constexpr int kHelpfulComments = 3;                     // the first entries of kComments
constexpr std::uint64_t kShapeSalt = 0x6b62'6465'6d6f;  // "kbdemo": its own random stream
constexpr int kViewDays = 30;
constexpr int kVerifyIntervalDays = 90;

// Metadata, feedback and views that make the imported help look lived in; deterministic from
// `seed` (articles are taken in slug order). Returns the number of feedback entries.
class Shaper {
 public:
  Shaper(store::WriteTx& tx, const store::OrganisationId& org, std::uint64_t seed,
         core::TimePoint now, core::IdGenerator& ids)
      : tx_(tx), org_(org), random_(seed ^ kShapeSalt), now_(now), ids_(ids) {}

  core::Result<int> Run() {
    RAPPORT_ASSIGN_OR_RETURN(std::vector<store::Article> articles, tx_.articles().ListAll(org_));
    RAPPORT_ASSIGN_OR_RETURN(const auto categories, tx_.categories().ListAll(org_));
    RAPPORT_ASSIGN_OR_RETURN(const auto users, tx_.users().ListAll(org_));
    std::ranges::sort(articles, {}, &store::Article::slug);
    for (const store::Category& c : categories) names_.emplace(c.id.str(), c.name);
    // Knowledge editors own most articles; the other accounts a few each.
    for (const store::User& u : users) {
      const int weight = u.role == "knowledge_editor" ? 4 : 1;
      for (int i = 0; i < weight; ++i) staff_.push_back(u.id);
    }
    // Popularity: a random rank per article, views falling off with it.
    std::vector<std::size_t> rank(articles.size());
    for (std::size_t i = 0; i < rank.size(); ++i) rank[i] = i;
    for (std::size_t i = rank.size(); i > 1; --i) std::swap(rank[i - 1], rank[random_.Uniform(i)]);
    for (std::size_t i = 0; i < articles.size(); ++i) {
      RAPPORT_RETURN_IF_ERROR(Shape(articles[i], rank[i]));
    }
    return feedback_;
  }

 private:
  bool Chance(int percent) { return static_cast<int>(random_.Uniform(100)) < percent; }
  double Fraction() { return static_cast<double>(random_.Uniform(1'000'000)) / 1'000'000.0; }
  const store::UserId& AnyStaff() { return staff_[random_.Uniform(staff_.size())]; }

  core::Status Shape(store::Article a, std::size_t rank) {
    const bool guide = a.category_id && names_[a.category_id->str()] == "Guides";
    a.visibility = guide ? store::Visibility::kPublic : store::Visibility::kInternal;
    if (!guide && Chance(8)) {
      a.visibility = store::Visibility::kRestricted;
      a.roles = {"hr"};
    }
    if (!staff_.empty()) {
      a.owner_id = AnyStaff();
      a.verifier_id = AnyStaff();
    }
    a.verify_interval_days = kVerifyIntervalDays;
    // About one in ten is overdue for verification.
    const auto days_ago =
        static_cast<int>(Chance(10) ? kVerifyIntervalDays + 5 + random_.Uniform(200)
                                    : random_.Uniform(kVerifyIntervalDays - 5));
    a.verified_at =
        now_ - std::chrono::days(days_ago) - std::chrono::minutes(random_.Uniform(24 * 60));
    RAPPORT_RETURN_IF_ERROR(tx_.articles().Update(org_, a));
    if (Chance(20)) {
      const int count = 1 + static_cast<int>(random_.Uniform(4));
      for (int i = 0; i < count; ++i) RAPPORT_RETURN_IF_ERROR(AddFeedback(a));
    }
    const double daily = 12.0 / std::pow(static_cast<double>(rank + 1), 0.7);
    for (int d = 0; d < kViewDays; ++d) {
      const double expected = daily * (0.5 + Fraction());
      // Rounded at random, so the long tail still gets an occasional view.
      const int views =
          static_cast<int>(expected) + (Fraction() < expected - std::floor(expected) ? 1 : 0);
      const std::string day = Day(now_ - std::chrono::days(d));
      for (int v = 0; v < views; ++v) {
        const bool from_public = a.visibility == store::Visibility::kPublic && Chance(40);
        RAPPORT_RETURN_IF_ERROR(tx_.feedback().RecordView(org_, a.id, day, from_public));
      }
    }
    return core::Ok();
  }

  core::Status AddFeedback(const store::Article& a) {
    const bool helpful = Chance(55);
    const Comment& c =
        helpful
            ? kComments[random_.Uniform(kHelpfulComments)]
            : kComments[kHelpfulComments + random_.Uniform(kComments.size() - kHelpfulComments)];
    const bool from_public = a.visibility == store::Visibility::kPublic && Chance(50);
    if (!from_public && staff_.empty()) return core::Ok();
    store::Feedback f;
    f.id = ids_.New<store::FeedbackTag>();
    f.article_id = a.id;
    f.helpful = helpful;
    f.reason = c.reason;
    f.comment = std::string(c.text);
    f.from_public = from_public;
    if (!from_public) f.user_id = AnyStaff();
    f.revision = a.published_revision;
    f.created_at = now_ - std::chrono::minutes(random_.Uniform(kViewDays * 24 * 60));
    RAPPORT_ASSIGN_OR_RETURN(const store::Feedback added, tx_.feedback().Add(org_, f));
    ++feedback_;
    if (!helpful && !staff_.empty() && Chance(35)) {
      RAPPORT_RETURN_IF_ERROR(
          tx_.feedback().Resolve(org_, added.id, a.owner_id ? *a.owner_id : AnyStaff()));
    }
    return core::Ok();
  }

  store::WriteTx& tx_;
  const store::OrganisationId& org_;
  core::SeededRandom random_;
  core::TimePoint now_;
  core::IdGenerator& ids_;
  std::map<std::string, std::string, std::less<>> names_;  // category id -> name
  std::vector<store::UserId> staff_;
  int feedback_ = 0;
};

core::Result<int> ShapeDemoKnowledgeBase(store::Store& store, const store::OrganisationId& org,
                                         std::uint64_t seed, const core::Clock& clock,
                                         core::IdGenerator& ids) {
  return store::WriteValue<int>(
      store, [&](store::WriteTx& tx) { return Shaper(tx, org, seed, clock.Now(), ids).Run(); });
}

}  // namespace

core::Result<DemoKbSummary> EnsureDemoKnowledgeBase(store::Store& store, kb::BlobStore& blobs,
                                                    const store::OrganisationId& org,
                                                    const fs::path& cache, std::uint64_t seed,
                                                    const core::Clock& clock,
                                                    core::IdGenerator& ids) {
  const auto started = std::chrono::steady_clock::now();
  DemoKbSummary summary;
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  using Counts = std::pair<int, int>;  // articles, categories
  const auto count = [&](store::ReadTx& tx) -> core::Result<Counts> {
    RAPPORT_ASSIGN_OR_RETURN(const auto page, tx.articles().List(org, {}, {.limit = 1}));
    if (page.items.empty()) return Counts{0, 0};
    RAPPORT_ASSIGN_OR_RETURN(const auto articles, tx.articles().ListAll(org));
    RAPPORT_ASSIGN_OR_RETURN(const auto categories, tx.categories().ListAll(org));
    return Counts{static_cast<int>(articles.size()), static_cast<int>(categories.size())};
  };
  RAPPORT_ASSIGN_OR_RETURN(const Counts existing, store::ReadValue<Counts>(store, count));
  if (existing.first > 0) {
    summary.articles = existing.first;
    summary.categories = existing.second;
    summary.seconds = seconds();
    return summary;
  }
  const auto text = HelpText(cache);
  if (!text) {
    summary.available = false;
    summary.message = text.error();
    return summary;
  }
  const std::vector<kb::BundleFile> files = HelpBundle(*text);
  const kb::ImportOptions options{.visibility = store::Visibility::kInternal,
                                  .publish = true,
                                  .language = "en",
                                  .dry_run = false};
  const kb::ImportActor actor{
      .user_id = std::nullopt, .label = "system (rapport demo)", .remote_address = ""};
  RAPPORT_ASSIGN_OR_RETURN(const kb::ImportReport report,
                           kb::ImportBundle(store, blobs, org, files, options, actor, clock, ids));
  if (!report.errors.empty()) {
    const kb::ImportFileError& e = report.errors.front();
    return core::Internal(fmt::format("the demo help did not import: {} errors, first {}: {}",
                                      report.errors.size(), e.path, e.message));
  }
  RAPPORT_ASSIGN_OR_RETURN(summary.feedback, ShapeDemoKnowledgeBase(store, org, seed, clock, ids));
  summary.created = true;
  summary.articles = report.articles_created;
  summary.categories = report.categories_created;
  summary.seconds = seconds();
  return summary;
}

}  // namespace rapport::app
