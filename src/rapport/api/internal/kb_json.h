#pragma once

// JSON shapes of the knowledge-base endpoints (Article, Revision, Feedback, Category,
// Attachment in docs/api.md) and the strict decoding of their bodies: unknown fields, wrong
// types and malformed ids are InvalidArgument (400) naming the field; whether a well-formed
// value is acceptable is the knowledge base's call (422). Thread-safety: pure functions.

#include <boost/json/object.hpp>

#include "rapport/core/error.h"
#include "rapport/http/request.h"
#include "rapport/kb/service.h"

namespace rapport::api::internal {

boost::json::object ArticleJson(const kb::ArticleView& view);
boost::json::object RevisionJson(const kb::RevisionView& view);
boost::json::object DiffJson(const kb::RevisionDiff& diff);
boost::json::object FeedbackJson(const kb::FeedbackView& view);
boost::json::object CategoryJson(const store::Category& category, int article_count);
boost::json::object AttachmentJson(const store::Attachment& attachment);
boost::json::object StatsJson(const kb::ArticleStatsView& stats);
boost::json::object SettingsJson(const store::KbSettings& settings);
boost::json::object RenderedJson(const kb::RenderedMarkdown& rendered);
// The help center's article: the live revision only, nothing about owners or drafts.
boost::json::object HelpArticleJson(const store::Article& article, const std::string& url);

core::Result<kb::NewArticle> DecodeNewArticle(const http::Request& request);
core::Result<kb::ArticlePatch> DecodeArticlePatch(const http::Request& request);
core::Result<kb::FeedbackInput> DecodeFeedback(const http::Request& request);
core::Result<kb::CategoryInput> DecodeCategory(const http::Request& request);

}  // namespace rapport::api::internal
