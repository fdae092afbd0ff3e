#pragma once

// How values without a native SQLite type are stored: person attributes as a JSON object
// text (keys in std::map order, so equal maps store equal text), API token scopes as one
// space-separated text, lists of free text (article tags and roles) as a JSON array text,
// enums as their snake_case names, and the LIKE pattern of a substring search.
// Thread-safety: pure functions.

#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/store/access.h"
#include "rapport/store/directory.h"
#include "rapport/store/kb.h"

namespace rapport::store::sqlite::internal {

std::string EncodeAttributes(const Attributes& attributes);
// Internal when the text is not a JSON object whose values are all strings.
core::Result<Attributes> DecodeAttributes(std::string_view text);

// InvalidArgument (field "scopes") when a scope is empty or contains a space, which the
// stored form could not keep apart.
core::Result<std::string> EncodeScopes(const std::vector<std::string>& scopes);
std::vector<std::string> DecodeScopes(std::string_view text);

// Any strings, in order; JSON keeps every byte apart, where a separator could not.
std::string EncodeStringList(const std::vector<std::string>& items);
// Internal when the text is not a JSON array of strings.
core::Result<std::vector<std::string>> DecodeStringList(std::string_view text);

// True for "YYYY-MM-DD" with a month 01-12 and a day 01-31: the shape that makes dates sort
// correctly as text.
bool IsDateText(std::string_view text);

// A LIKE pattern matching `text` anywhere, with '%', '_' and the escape character '\'
// escaped; use with `LIKE ? ESCAPE '\'`.
std::string ContainsPattern(std::string_view text);

std::string_view TeamKindName(TeamKind kind);
core::Result<TeamKind> ParseTeamKind(std::string_view name);
std::string_view PersonStatusName(PersonStatus status);
core::Result<PersonStatus> ParsePersonStatus(std::string_view name);
std::string_view LinkPurposeName(LinkPurpose purpose);
core::Result<LinkPurpose> ParseLinkPurpose(std::string_view name);
std::string_view ArticleStatusName(ArticleStatus status);
core::Result<ArticleStatus> ParseArticleStatus(std::string_view name);
std::string_view VisibilityName(Visibility visibility);
core::Result<Visibility> ParseVisibility(std::string_view name);
std::string_view FeedbackReasonName(FeedbackReason reason);
core::Result<FeedbackReason> ParseFeedbackReason(std::string_view name);

}  // namespace rapport::store::sqlite::internal
