#pragma once

// The knowledge-base feedback repository on a SQLite connection: readers' votes and comments
// (kb_feedback) and daily view counts (kb_article_views, one upserted row per article and
// day). Serves read transactions (as a FeedbackReader, on a query_only connection) and write
// transactions. Thread-safety: as its connection; lives for one transaction.

#include "rapport/core/clock.h"
#include "rapport/store/kb.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteFeedback final : public FeedbackRepository {
 public:
  SqliteFeedback(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<Page<Feedback>> List(const OrganisationId& org, const FeedbackFilter& filter,
                                    const PageRequest& page) override;
  core::Result<Feedback> Get(const OrganisationId& org, const FeedbackId& id) override;
  core::Result<ArticleStats> Stats(const OrganisationId& org, const ArticleId& id) override;
  core::Result<std::vector<DayViews>> Views(const OrganisationId& org, const ArticleId& id,
                                            std::string_view from, std::string_view to) override;

  core::Result<Feedback> Add(const OrganisationId& org, const Feedback& feedback) override;
  core::Result<Feedback> Resolve(const OrganisationId& org, const FeedbackId& id,
                                 const UserId& by) override;
  core::Status RecordView(const OrganisationId& org, const ArticleId& id, std::string_view day,
                          bool from_public) override;

 private:
  Connection& connection_;
  const core::Clock& clock_;
};

}  // namespace rapport::store::sqlite::internal
