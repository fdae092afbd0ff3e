#include "rapport/http/request.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

namespace rapport::http {
namespace {

TEST(Request, FindsHeadersQueryAndPathParams) {
  Request request;
  request.headers = {{"content-type", "application/json"}, {"x-a", "1"}};
  request.query = {{"limit", "10"}, {"limit", "20"}};
  request.path_params = {{"id", "p1"}};
  EXPECT_EQ(request.Header("x-a"), "1");
  EXPECT_EQ(request.Header("X-A"), std::nullopt);  // names are lower-cased by the server
  EXPECT_EQ(request.Query("limit"), "10");         // first occurrence wins
  EXPECT_EQ(request.Query("cursor"), std::nullopt);
  EXPECT_EQ(request.PathParam("id"), "p1");
}

TEST(Request, UndeclaredPathParamThrowsLogicError) {
  Request request;
  EXPECT_THROW(request.PathParam("id"), std::logic_error);
}

TEST(Response, JsonAndTextSetContentType) {
  const Response json = Response::Json(201, R"({"id":"1"})");
  EXPECT_EQ(json.status, 201);
  EXPECT_EQ(json.content_type, "application/json");
  const Response text = Response::Text(200, "hi", "text/plain; charset=utf-8");
  EXPECT_EQ(text.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(text.body, "hi");
}

TEST(Response, FromErrorUsesTheOneErrorShape) {
  const Response r = Response::FromError(
      core::Error(core::ErrorCode::kInvalidArgument, "bad scale", "questions[2].scale"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(
      r.body,
      R"({"error":{"code":"invalid_argument","message":"bad scale","field":"questions[2].scale"}})");
}

TEST(Response, FromErrorOmitsEmptyField) {
  const Response r = Response::FromError(core::Error(core::ErrorCode::kNotFound, "no such survey"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":{"code":"not_found","message":"no such survey"}})");
}

TEST(Response, FromErrorEscapesStrings) {
  const Response r = Response::FromError(
      core::Error(core::ErrorCode::kConflict, "quote \" and \\ and \n</script>", "a\"b"));
  const boost::json::value parsed = boost::json::parse(r.body);
  EXPECT_EQ(parsed.at("error").at("message").as_string(), "quote \" and \\ and \n</script>");
  EXPECT_EQ(parsed.at("error").at("field").as_string(), "a\"b");
}

TEST(StatusFor, MapsEverySemanticCode) {
  EXPECT_EQ(StatusFor(core::ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(StatusFor(core::ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(StatusFor(core::ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(StatusFor(core::ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(core::ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(core::ErrorCode::kTooLarge), 413);
  EXPECT_EQ(StatusFor(core::ErrorCode::kUnprocessable), 422);
  EXPECT_EQ(StatusFor(core::ErrorCode::kResourceExhausted), 429);
  EXPECT_EQ(StatusFor(core::ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusFor(core::ErrorCode::kInternal), 500);
}

TEST(MethodName, NamesEveryMethod) {
  EXPECT_EQ(MethodName(Method::kGet), "GET");
  EXPECT_EQ(MethodName(Method::kHead), "HEAD");
  EXPECT_EQ(MethodName(Method::kPost), "POST");
  EXPECT_EQ(MethodName(Method::kPut), "PUT");
  EXPECT_EQ(MethodName(Method::kPatch), "PATCH");
  EXPECT_EQ(MethodName(Method::kDelete), "DELETE");
  EXPECT_EQ(MethodName(Method::kOptions), "OPTIONS");
}

}  // namespace
}  // namespace rapport::http
