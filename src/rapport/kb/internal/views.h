#pragma once

// Building blocks shared by the KnowledgeBase service's files: loading articles the principal
// may read, paging through articles, checking feedback comments, rendering bodies with links
// resolved for staff or the public, names of users, and the audit entries. Thread-safety:
// stateless functions over a transaction owned by the caller.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "rapport/auth/policy.h"
#include "rapport/core/clock.h"
#include "rapport/kb/service.h"
#include "rapport/store/store.h"

namespace rapport::kb::internal {

// "YYYY-MM-DD" of the UTC day of `t`.
std::string DayOf(core::TimePoint t);

// `comment` of a piece of feedback, when it is at most kMaxCommentBytes and has no control
// characters other than tabs and line breaks; Unprocessable naming "comment" otherwise.
core::Result<std::string> CheckComment(std::string_view comment);

// Calls `fn` for every article matching `filter`, a page at a time (lists carry no bodies).
template <typename Fn>
core::Status ForEachArticle(store::ReadTx& tx, const store::OrganisationId& org,
                            const store::ArticleFilter& filter, Fn&& fn) {
  store::PageRequest page{.limit = store::kMaxPageLimit, .cursor = {}};
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(auto found, tx.articles().List(org, filter, page));
    for (const store::Article& article : found.items) fn(article);
    if (found.next_cursor.empty()) return core::Ok();
    page.cursor = std::move(found.next_cursor);
  }
}

// The article when the principal may read it; NotFound (like an absent id) otherwise.
core::Result<store::Article> LoadReadable(store::ReadTx& tx, const auth::Principal& principal,
                                          const store::ArticleId& id);

// The author of the article's head revision (empty for imports).
core::Result<std::optional<store::UserId>> HeadAuthor(store::ReadTx& tx,
                                                      const store::OrganisationId& org,
                                                      const store::Article& article);

// An article about to be changed, with what decides who may change it.
struct Changeable {
  store::Article article;
  store::KbSettings settings;
  std::optional<store::UserId> head_author;
  ArticlePermissions can;
};
// LoadReadable plus the organisation's settings, the head's author and the permissions.
core::Result<Changeable> LoadChangeable(store::ReadTx& tx, const auth::Principal& principal,
                                        const store::ArticleId& id);

std::optional<UserRef> UserRefOf(store::ReadTx& tx, const store::OrganisationId& org,
                                 const std::optional<store::UserId>& id);

// The help-center URL of a public, live article ("/help/<category slug>/<slug>", with
// "articles" for an article without category).
std::string HelpUrl(store::ReadTx& tx, const store::OrganisationId& org,
                    const store::Article& article);

// Renders `markdown` with article and attachment links resolved for `audience`: staff links go
// to the web UI and the API; public links only to public articles and their attachments (other
// links render as plain text).
core::Result<RenderedMarkdown> Render(store::ReadTx& tx, const store::OrganisationId& org,
                                      std::string_view markdown, Audience audience);

// A list view or (with `single`) a full view of `article` for the principal.
core::Result<ArticleView> MakeView(store::ReadTx& tx, const auth::Principal& principal,
                                   const store::Article& article, View view, bool single,
                                   core::TimePoint now);

store::AuditEntry AuditFor(const auth::Principal& principal, core::TimePoint now,
                           std::string action, std::string target, std::string detail);

}  // namespace rapport::kb::internal
