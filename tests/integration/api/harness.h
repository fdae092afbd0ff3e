#pragma once

// The whole API stack in one process for black-box access tests: a real SQLite store in a
// temporary folder, the real auth and directory services, and the real route table, driven
// by calling the matched handlers with hand-built requests (no sockets: the HTTP server's
// own behaviour is covered in tests/integration/http). Thread-safety: single-threaded tests.

#include <memory>
#include <string>
#include <string_view>

#include "rapport/api/routes.h"
#include "rapport/auth/policy.h"
#include "rapport/auth/service.h"
#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/log.h"
#include "rapport/core/metrics.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/directory/service.h"
#include "rapport/http/router.h"
#include "rapport/index/search_index.h"
#include "rapport/kb/blob_store.h"
#include "rapport/kb/service.h"
#include "rapport/search/indexer.h"
#include "rapport/search/query_log.h"
#include "rapport/search/service.h"
#include "rapport/store/store.h"

namespace rapport::api::testing {

// How a call authenticates: nothing, a session cookie (with or without its CSRF token), or a
// bearer token.
struct Caller {
  std::string session = {};  // cookie secret
  std::string csrf = {};     // sent as X-CSRF-Token when non-empty
  std::string bearer = {};   // sent as Authorization: Bearer when non-empty
};

class ApiHarness {
 public:
  ApiHarness();
  ~ApiHarness();

  // `target` is a path with an optional query ("/api/v1/people?q=ana"); the query is split
  // on '&' and '=' without decoding.
  http::Response Call(http::Method method, std::string_view target, std::string body = {},
                      const Caller& caller = {}, std::string_view content_type = {});

  store::Organisation CreateOrganisation(std::string_view slug);
  // A user with a password (cheap argon2 parameters keep the tests fast).
  store::User CreateUser(const store::OrganisationId& org, std::string_view email, auth::Role role,
                         const std::optional<store::PersonId>& person = {});
  // Signs in over the API; fails the test when sign-in does not answer 200.
  Caller SignIn(std::string_view email);
  store::Person CreatePerson(const store::OrganisationId& org, std::string_view employee_id,
                             std::string_view name,
                             const std::optional<store::PersonId>& manager = {});

  static constexpr std::string_view kPassword = "correct horse battery staple";

  http::Router& router() { return router_; }
  store::Store& store() { return *store_; }
  core::FakeClock& clock() { return clock_; }
  core::IdGenerator& ids() { return ids_; }
  // Brings the search index up to date with the store (the server's follower does this in
  // the background); fails the test on error.
  void CatchUpSearch();
  // Writes the search query log's pending queries (the follower's flush).
  void FlushSearchLog();
  // The organisation whose help center /help serves (created with the harness).
  const store::OrganisationId& help_org() const { return *context_->help_org; }

 private:
  core::testing::TempDir dir_;
  core::FakeClock clock_;
  core::SeededRandom random_;
  core::IdGenerator ids_;
  core::MetricsRegistry metrics_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<directory::DirectoryService> directory_;
  std::unique_ptr<kb::FileBlobStore> blobs_;
  std::unique_ptr<kb::KnowledgeBase> kb_;
  std::unique_ptr<index::SearchIndex> index_;
  std::unique_ptr<search::QueryLog> query_log_;
  std::unique_ptr<search::Indexer> indexer_;
  std::unique_ptr<search::SearchService> search_;
  StaticAssets assets_;
  std::unique_ptr<ApiContext> context_;
  http::Router router_;
};

// "rapport_session=<secret>; Path=/; ..." in a response's Set-Cookie header -> the secret.
std::string SessionFromSetCookie(const http::Response& response);

}  // namespace rapport::api::testing
