#include "tests/integration/api/harness.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "rapport/auth/crypto.h"
#include "rapport/index/xapian/xapian_index.h"
#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::api::testing {
namespace {

auth::AuthOptions CheapAuthOptions() {
  auth::AuthOptions options;
  // The cheapest argon2id libsodium allows: these tests are about access, not hashing cost.
  options.password_hash = {.ops_limit = auth::kMinHashOps,
                           .memory_bytes = auth::kMinHashMemoryBytes};
  return options;
}

http::NameValues SplitQuery(std::string_view query) {
  http::NameValues out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    out.emplace_back(std::string(pair.substr(0, eq)), eq == std::string_view::npos
                                                          ? std::string()
                                                          : std::string(pair.substr(eq + 1)));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return out;
}

}  // namespace

ApiHarness::ApiHarness()
    : clock_(core::TimePoint(std::chrono::seconds(1'790'000'000))),
      random_(7),
      ids_(clock_, random_),
      assets_({{"/index.html", "text/html; charset=utf-8", "<html></html>", false}}) {
  if (!auth::InitCrypto()) throw std::runtime_error("libsodium did not start");
  store::sqlite::SqliteOptions options;
  options.path = (dir_.path() / "rapport.db").string();
  auto opened = store::sqlite::Open(options, clock_, &metrics_);
  if (!opened) throw std::runtime_error(opened.error().ToString());
  store_ = std::move(*opened);
  if (!store_->Migrate()) throw std::runtime_error("migration failed");
  auth_ = std::make_unique<auth::AuthService>(*store_, clock_, random_, CheapAuthOptions());
  directory_ = std::make_unique<directory::DirectoryService>(*store_, clock_, ids_);
  blobs_ = std::make_unique<kb::FileBlobStore>(dir_.path() / "attachments");
  kb_ = std::make_unique<kb::KnowledgeBase>(*store_, *blobs_, clock_, ids_);
  auto index = index::OpenXapianIndex(dir_.path() / "search");
  if (!index) throw std::runtime_error(index.error().ToString());
  index_ = std::move(*index);
  query_log_ = std::make_unique<search::QueryLog>(*store_, clock_, ids_);
  indexer_ = std::make_unique<search::Indexer>(*store_, *index_);
  search_ = std::make_unique<search::SearchService>(*store_, *index_, *query_log_, clock_, ids_);
  const store::OrganisationId help_org = CreateOrganisation("help-center").id;
  context_ = std::make_unique<ApiContext>(ApiContext{.store = *store_,
                                                     .metrics = metrics_,
                                                     .clock = clock_,
                                                     .logger = core::NullLogger(),
                                                     .assets = assets_,
                                                     .build = {"test"},
                                                     .started_at = clock_.Now(),
                                                     .auth = auth_.get(),
                                                     .directory = directory_.get(),
                                                     .kb = kb_.get(),
                                                     .search = search_.get(),
                                                     .help_org = help_org});
  RegisterRoutes(router_, *context_);
}

ApiHarness::~ApiHarness() = default;

void ApiHarness::CatchUpSearch() {
  const auto applied = indexer_->CatchUp();
  ASSERT_TRUE(applied) << applied.error().ToString();
}

void ApiHarness::FlushSearchLog() {
  const auto flushed = query_log_->Flush(/*all=*/true);
  ASSERT_TRUE(flushed) << flushed.error().ToString();
}

http::Response ApiHarness::Call(http::Method method, std::string_view target, std::string body,
                                const Caller& caller, std::string_view content_type) {
  http::Request request;
  request.method = method;
  const auto question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) request.query = SplitQuery(target.substr(question + 1));
  request.body = std::move(body);
  request.remote_address = "192.0.2.10";
  request.request_id = "test";
  if (!caller.session.empty())
    request.headers.emplace_back("cookie", "rapport_session=" + caller.session);
  if (!caller.csrf.empty()) request.headers.emplace_back("x-csrf-token", caller.csrf);
  if (!caller.bearer.empty()) {
    request.headers.emplace_back("authorization", "Bearer " + caller.bearer);
  }
  if (!content_type.empty()) {
    request.headers.emplace_back("content-type", std::string(content_type));
  } else if (!request.body.empty()) {
    request.headers.emplace_back("content-type", "application/json");
  }
  const http::RouteMatch match = router_.Match(method, request.path);
  if (match.route == nullptr) {
    return http::Response::ErrorShape(match.allowed.empty() ? 404 : 405, "no_route", request.path);
  }
  request.path_params = match.path_params;
  request.route = match.route->pattern;
  return match.route->handler(request);
}

store::Organisation ApiHarness::CreateOrganisation(std::string_view slug) {
  auto org = store::WriteValue<store::Organisation>(*store_, [&](store::WriteTx& tx) {
    return tx.organisations().Create({.id = ids_.New<store::OrganisationTag>(),
                                      .slug = std::string(slug),
                                      .name = std::string(slug),
                                      .time_zone = "UTC"});
  });
  if (!org) throw std::runtime_error(org.error().ToString());
  return *org;
}

store::User ApiHarness::CreateUser(const store::OrganisationId& org, std::string_view email,
                                   auth::Role role, const std::optional<store::PersonId>& person) {
  auto user = auth_->CreateUserWithPassword(org, email, email, role, kPassword);
  if (!user) throw std::runtime_error(user.error().ToString());
  if (person) {
    auto linked = store::WriteValue<store::User>(*store_, [&](store::WriteTx& tx) {
      store::User u = *user;
      u.person_id = person;
      return tx.users().Update(u);
    });
    if (!linked) throw std::runtime_error(linked.error().ToString());
    return *linked;
  }
  return *user;
}

Caller ApiHarness::SignIn(std::string_view email) {
  boost::json::object body{{"email", email}, {"password", kPassword}};
  const http::Response response =
      Call(http::Method::kPost, "/api/v1/auth/login", boost::json::serialize(body));
  EXPECT_EQ(response.status, 200) << response.body;
  Caller caller;
  caller.session = SessionFromSetCookie(response);
  if (response.status == 200) {
    caller.csrf =
        std::string(boost::json::parse(response.body).as_object().at("csrf_token").as_string());
  }
  return caller;
}

store::Person ApiHarness::CreatePerson(const store::OrganisationId& org,
                                       std::string_view employee_id, std::string_view name,
                                       const std::optional<store::PersonId>& manager) {
  auto person = store::WriteValue<store::Person>(*store_, [&](store::WriteTx& tx) {
    store::Person p;
    p.id = ids_.New<store::PersonTag>();
    p.employee_id = std::string(employee_id);
    p.name = std::string(name);
    p.manager_id = manager;
    return tx.people().Create(org, p, "2026-01-01");
  });
  if (!person) throw std::runtime_error(person.error().ToString());
  return *person;
}

std::string SessionFromSetCookie(const http::Response& response) {
  constexpr std::string_view kPrefix = "rapport_session=";
  for (const auto& [name, value] : response.headers) {
    if (name != "Set-Cookie" || !value.starts_with(kPrefix)) continue;
    const auto end = value.find(';');
    return value.substr(kPrefix.size(), end - kPrefix.size());
  }
  return {};
}

}  // namespace rapport::api::testing
