// PlanBundle: matching the bundle's articles with the organisation's, choosing ids and slugs,
// and working out which revisions and metadata changes each needs.

#include "rapport/kb/internal/bundle_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "rapport/kb/internal/bundle_categories.h"
#include "rapport/kb/internal/bundle_revisions.h"
#include "rapport/kb/internal/bundle_text.h"
#include "rapport/kb/slug.h"

namespace rapport::kb {
namespace {

constexpr std::string_view kFallbackSlug = "article";

using LangSlug = std::pair<std::string, std::string>;

// One article of the bundle while it is being planned.
struct Candidate {
  const SourceArticle* source = nullptr;
  const SourceLive* live = nullptr;
  std::optional<std::size_t> existing;
  std::string language;
  std::string slug;
  bool explicit_slug = false;
  store::ArticleId id;
  bool valid = true;
  bool duplicate_id = false;  // another file has the same id (reported by the parser)
};

class Planner {
 public:
  Planner(const ParsedBundle& parsed, const KbSnapshot& snapshot, const ImportOptions& options,
          core::IdGenerator& ids, core::TimePoint now)
      : parsed_(parsed),
        snapshot_(snapshot),
        options_(options),
        ids_(ids),
        now_(now),
        categories_(snapshot.categories, ids) {
    for (std::size_t i = 0; i < snapshot.articles.size(); ++i) {
      const store::Article& a = snapshot.articles[i];
      by_id_.emplace(a.id.str(), i);
      by_slug_.emplace(LangSlug(a.language, a.slug), i);
    }
    for (const store::User& u : snapshot.users) users_.emplace(ToLowerAscii(u.email), u.id);
  }

  BundlePlan Run() {
    BundlePlan plan;
    report_ = &plan.report;
    report_->errors = parsed_.errors;
    report_->warnings = parsed_.warnings;
    for (const SourceCategory& c : parsed_.categories) {
      if (auto problem = categories_.Define(c)) Error(c.path, 0, *problem);
    }
    candidates_.resize(parsed_.articles.size());
    for (std::size_t i = 0; i < parsed_.articles.size(); ++i) {
      candidates_[i].source = &parsed_.articles[i];
    }
    MatchLiveFiles();
    ChooseLanguagesAndExplicitSlugs();
    DeriveSlugs();
    MatchExisting();
    CheckTranslationGroups();
    for (Candidate& c : candidates_) {
      article_id_by_path_.emplace(c.source->path, c.id);
    }
    PlanAttachments(plan);
    for (Candidate& c : candidates_) {
      std::optional<PlannedArticle> planned = PlanArticle(c);
      if (!planned) continue;
      const bool changed = !planned->new_revisions.empty() || planned->metadata_changed;
      if (!planned->existing) {
        ++report_->articles_created;
      } else if (changed) {
        ++report_->articles_updated;
      } else {
        ++report_->articles_unchanged;
      }
      if (changed) plan.articles.push_back(std::move(*planned));
    }
    plan.categories = categories_.Changes();
    for (const PlannedCategory& c : plan.categories) {
      (c.create ? report_->categories_created : report_->categories_updated)++;
    }
    report_->attachments_created = static_cast<int>(plan.attachments.size());
    return plan;
  }

 private:
  void Error(std::string_view path, int line, std::string message) {
    report_->errors.push_back({std::string(path), line, std::move(message)});
  }
  void Fail(Candidate& c, std::string_view key, std::string message) {
    c.valid = false;
    Error(c.source->path, c.source->key_lines.Of(key), std::move(message));
  }

  void MatchLiveFiles() {
    std::map<std::string, std::size_t, std::less<>> by_front_matter_id;
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      if (const auto& id = candidates_[i].source->fields.id) by_front_matter_id.emplace(*id, i);
    }
    for (const SourceLive& live : parsed_.lives) {
      if (live.fields.revision_of.empty()) continue;  // reported by the parser
      const auto it = by_front_matter_id.find(live.fields.revision_of);
      if (it == by_front_matter_id.end()) {
        Error(live.path, live.key_lines.Of("revision_of"),
              fmt::format("no article of the bundle has id {}", live.fields.revision_of));
        continue;
      }
      Candidate& c = candidates_[it->second];
      if (c.live != nullptr) {
        Error(live.path, 0,
              fmt::format("{} already holds the live revision of this article", c.live->path));
        continue;
      }
      c.live = &live;
    }
  }

  void ChooseLanguagesAndExplicitSlugs() {
    std::map<std::string, std::string, std::less<>> id_paths;
    for (Candidate& c : candidates_) {
      const ArticleFields& f = c.source->fields;
      if (f.id) {
        if (const auto it = by_id_.find(*f.id); it != by_id_.end()) c.existing = it->second;
        if (!id_paths.emplace(*f.id, c.source->path).second) {
          c.valid = false;
          c.duplicate_id = true;
        }
      }
      const store::Article* existing = c.existing ? &snapshot_.articles[*c.existing] : nullptr;
      c.language = f.language ? *f.language : existing ? existing->language : options_.language;
      if (f.slug) {
        c.slug = *f.slug;
        c.explicit_slug = true;
      } else if (existing != nullptr) {
        c.slug = existing->slug;  // matched by id, no slug given: it keeps its slug
        c.explicit_slug = true;
      }
      if (!c.explicit_slug) continue;
      const auto [it, added] = taken_.emplace(LangSlug(c.language, c.slug), c.source->path);
      if (!added) {
        Fail(
            c, "slug",
            fmt::format("slug \"{}\" ({}) is also the slug of {}", c.slug, c.language, it->second));
      }
    }
  }

  // A slug for each file that gives none, unique within the bundle: from the file name or
  // title, else with its folders added, else numbered.
  void DeriveSlugs() {
    for (Candidate& c : candidates_) {
      if (c.explicit_slug) continue;
      std::string base =
          c.source->derived_slug.empty() ? std::string(kFallbackSlug) : c.source->derived_slug;
      std::string slug = base;
      if (taken_.contains(LangSlug(c.language, slug))) {
        std::string folders;
        for (const std::string& f : c.source->folders) folders += " " + f;
        const std::string qualified = Slugify(base + folders);
        if (!qualified.empty()) base = qualified;
        slug = base;
      }
      for (int n = 2; taken_.contains(LangSlug(c.language, slug)); ++n) {
        slug = fmt::format("{}-{}", base, n);
      }
      c.slug = slug;
      taken_.emplace(LangSlug(c.language, slug), c.source->path);
    }
  }

  void MatchExisting() {
    std::map<std::size_t, std::string> claimed;  // existing article -> path
    for (Candidate& c : candidates_) {
      const auto by_slug = by_slug_.find(LangSlug(c.language, c.slug));
      const std::optional<std::size_t> slug_holder =
          by_slug == by_slug_.end() ? std::nullopt : std::optional(by_slug->second);
      if (!c.existing && !c.source->fields.id) c.existing = slug_holder;
      if (slug_holder && slug_holder != c.existing) {
        Fail(c, "slug",
             fmt::format("slug \"{}\" ({}) belongs to another article, {}", c.slug, c.language,
                         snapshot_.articles[*slug_holder].id.str()));
      }
      if (c.existing) {
        const auto [it, added] = claimed.emplace(*c.existing, c.source->path);
        if (!added) {
          Fail(c, "id", fmt::format("{} updates the same article", it->second));
        }
        c.id = snapshot_.articles[*c.existing].id;
      } else if (c.source->fields.id) {
        c.id = store::ArticleId::FromTrusted(*c.source->fields.id);
      } else {
        c.id = ids_.New<store::ArticleTag>();
      }
    }
  }

  std::string GroupOf(const Candidate& c) const {
    if (c.source->fields.translation_group) return *c.source->fields.translation_group;
    if (c.existing) return snapshot_.articles[*c.existing].translation_group;
    return c.id.str();
  }

  // At most one article per language in a translation group, after the import.
  void CheckTranslationGroups() {
    std::map<LangSlug, std::string> seen;  // (group, language) -> path or id
    std::set<std::size_t> in_bundle;
    for (const Candidate& c : candidates_) {
      if (c.existing) in_bundle.insert(*c.existing);
    }
    for (std::size_t i = 0; i < snapshot_.articles.size(); ++i) {
      if (in_bundle.contains(i)) continue;
      const store::Article& a = snapshot_.articles[i];
      seen.emplace(LangSlug(a.translation_group, a.language), "article " + a.id.str());
    }
    for (Candidate& c : candidates_) {
      if (c.duplicate_id) continue;  // the same id, hence the same group: one error is enough
      const auto [it, added] = seen.emplace(LangSlug(GroupOf(c), c.language), c.source->path);
      if (!added) {
        Fail(c, "translation_group",
             fmt::format("{} is already the {} translation of this group", it->second, c.language));
      }
    }
  }

  std::optional<store::UserId> User(Candidate& c, std::string_view key, const std::string& email) {
    if (email.empty()) return std::nullopt;
    const auto it = users_.find(email);
    if (it == users_.end()) {
      Fail(c, key, fmt::format("no user of this organisation has the e-mail {}", email));
      return std::nullopt;
    }
    return it->second;
  }

  void PlanAttachments(BundlePlan& plan) {
    // The article a layout attachment belongs to: the first that lists it, else the first
    // that links to it.
    std::map<std::string, std::string, std::less<>> listed_by;  // attachment id -> path
    for (const Candidate& c : candidates_) {
      if (const auto& ids = c.source->fields.attachments) {
        for (const std::string& id : *ids) listed_by.emplace(id, c.source->path);
      }
    }
    for (const SourceAttachment& a : parsed_.attachments) {
      std::optional<std::string> owner = a.first_referrer;
      if (a.layout_id) {
        if (const auto it = listed_by.find(*a.layout_id); it != listed_by.end()) {
          owner = it->second;
        }
      }
      std::optional<store::ArticleId> article_id;
      if (owner) {
        if (const auto it = article_id_by_path_.find(*owner); it != article_id_by_path_.end()) {
          article_id = it->second;
        }
      }
      store::Attachment row;
      row.article_id = article_id;
      row.filename = a.filename;
      row.content_type = a.type.content_type;
      row.size = static_cast<std::int64_t>(a.bytes.size());
      row.sha256 = Sha256Hex(a.bytes);
      const store::Attachment* reuse = FindExistingAttachment(a, row);
      if (reuse != nullptr) {
        attachment_id_by_path_.emplace(a.path, reuse->id);
        continue;
      }
      const bool layout_id_free = a.layout_id && !AttachmentIdTaken(*a.layout_id);
      row.id = layout_id_free ? store::AttachmentId::FromTrusted(*a.layout_id)
                              : ids_.New<store::AttachmentTag>();
      row.created_at = now_;
      attachment_id_by_path_.emplace(a.path, row.id);
      plan.attachments.push_back({.attachment = std::move(row), .bytes = a.bytes});
    }
  }

  bool AttachmentIdTaken(std::string_view id) const {
    return std::ranges::any_of(snapshot_.attachments,
                               [&](const store::Attachment& a) { return a.id.str() == id; });
  }

  // An attachment already holding these bytes: the one with the layout's id, or one of the
  // same article (the same file name preferred), so a second import adds nothing.
  const store::Attachment* FindExistingAttachment(const SourceAttachment& a,
                                                  const store::Attachment& row) const {
    const store::Attachment* same_article = nullptr;
    for (const store::Attachment& e : snapshot_.attachments) {
      if (e.sha256 != row.sha256) continue;
      if (a.layout_id) {
        if (e.id.str() == *a.layout_id) return &e;
        continue;
      }
      if (e.article_id != row.article_id) continue;
      if (e.filename == row.filename) return &e;
      if (same_article == nullptr) same_article = &e;
    }
    return same_article;
  }

  std::string ResolveLinks(std::string_view body) const {
    return parsed_.placeholders.Substitute(body, [&](std::size_t index) -> std::string {
      if (index >= parsed_.targets.size()) return {};
      const LinkTarget& t = parsed_.targets[index];
      if (t.attachment) {
        const auto it = attachment_id_by_path_.find(t.path);
        return it == attachment_id_by_path_.end() ? std::string() : it->second.str();
      }
      const auto it = article_id_by_path_.find(t.path);
      return it == article_id_by_path_.end() ? std::string() : it->second.str();
    });
  }

  std::optional<PlannedArticle> PlanArticle(Candidate& c) {
    const ArticleFields& f = c.source->fields;
    const store::Article* existing = c.existing ? &snapshot_.articles[*c.existing] : nullptr;
    PlannedArticle p;
    p.path = c.source->path;
    p.existing = c.existing;
    store::Article& a = p.article;
    if (existing != nullptr) {
      a = *existing;
    } else {
      a.visibility = options_.visibility;
      a.verify_interval_days = snapshot_.settings.default_verify_interval_days;
      a.created_at = now_;
    }
    a.id = c.id;
    a.language = c.language;
    a.slug = c.slug;
    a.translation_group = GroupOf(c);
    auto category =
        f.category ? categories_.ForNames(*f.category) : categories_.ForFolders(c.source->folders);
    if (category) {
      a.category_id = *category;
    } else {
      Fail(c, "category", category.error());
    }
    if (f.visibility) a.visibility = *f.visibility;
    if (f.roles) a.roles = *f.roles;
    if (f.owner) a.owner_id = User(c, "owner", *f.owner);
    if (f.verifier) a.verifier_id = User(c, "verifier", *f.verifier);
    if (f.verify_interval_days) a.verify_interval_days = *f.verify_interval_days;
    if (f.verified_at &&
        !(existing != nullptr && SameMillisecond(existing->verified_at, *f.verified_at))) {
      a.verified_at = *f.verified_at;
    }
    const bool explicit_status = f.status.has_value();
    if (f.status) {
      a.status = *f.status;
    } else if (options_.publish) {
      a.status = store::ArticleStatus::kPublished;
    } else if (existing == nullptr) {
      a.status = store::ArticleStatus::kDraft;
    }

    p.head.title = f.title.value_or("");
    p.head.summary = f.summary ? *f.summary : existing != nullptr ? existing->head.summary : "";
    p.head.tags = f.tags                ? *f.tags
                  : existing != nullptr ? existing->head.tags
                                        : std::vector<std::string>{};
    p.head.body = ResolveLinks(c.source->body);
    if (c.live != nullptr) {
      const LiveFields& lf = c.live->fields;
      p.live_content.title = lf.title.value_or(p.head.title);
      p.live_content.summary = lf.summary.value_or(p.head.summary);
      p.live_content.tags = lf.tags.value_or(p.head.tags);
      p.live_content.body = ResolveLinks(c.live->body);
      p.live = p.live_content == p.head ? LiveKind::kHead : LiveKind::kSeparate;
    } else if (f.live) {
      p.live = *f.live == LiveMode::kHead ? LiveKind::kHead : LiveKind::kNone;
    } else if (explicit_status || options_.publish) {
      p.live = a.status == store::ArticleStatus::kPublished ? LiveKind::kHead : LiveKind::kNone;
    } else {
      p.live = existing != nullptr ? LiveKind::kKeep : LiveKind::kNone;
    }
    if (!c.valid) return std::nullopt;

    const RevisionSteps steps = StepsFor(existing, p.head, p.live, p.live_content);
    p.new_revisions = steps.revisions;
    a.head_revision = steps.head_revision;
    if (a.published_revision != steps.published_revision) {
      a.published_revision = steps.published_revision;
      a.published_at = steps.published_revision > 0 ? now_ : core::TimePoint{};
    }
    a.head = p.head;
    p.metadata_changed = existing != nullptr && !SameMetadata(*existing, a);
    return p;
  }

  const ParsedBundle& parsed_;
  const KbSnapshot& snapshot_;
  const ImportOptions& options_;
  core::IdGenerator& ids_;
  core::TimePoint now_;
  CategoryResolver categories_;
  ImportReport* report_ = nullptr;
  std::vector<Candidate> candidates_;
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::map<LangSlug, std::size_t> by_slug_;
  std::map<std::string, store::UserId, std::less<>> users_;  // lower-cased e-mail -> id
  std::map<LangSlug, std::string> taken_;                    // (language, slug) -> path
  std::map<std::string, store::ArticleId, std::less<>> article_id_by_path_;
  std::map<std::string, store::AttachmentId, std::less<>> attachment_id_by_path_;
};

}  // namespace

BundlePlan PlanBundle(const ParsedBundle& parsed, const KbSnapshot& snapshot,
                      const ImportOptions& options, core::IdGenerator& ids, core::TimePoint now) {
  BundlePlan plan = Planner(parsed, snapshot, options, ids, now).Run();
  std::ranges::sort(plan.report.errors, [](const auto& a, const auto& b) {
    return std::tie(a.path, a.line, a.message) < std::tie(b.path, b.line, b.message);
  });
  return plan;
}

}  // namespace rapport::kb
