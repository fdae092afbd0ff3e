#include "rapport/http/internal/parse.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <string>

#include "rapport/http/internal/percent.h"
#include "rapport/http/router.h"

namespace rapport::http::internal {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

std::optional<Method> ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return std::nullopt;
  }
}

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

void ConfigureParser(RequestParser& parser, const ParseLimits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
}

ParseOutcome ParseRequestBytes(std::string_view bytes, const ParseLimits& limits) {
  ParseOutcome outcome;
  RequestParser parser;
  ConfigureParser(parser, limits);
  parser.eager(true);
  while (!parser.is_done()) {
    beast::error_code ec;
    const std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(used);
    if (ec == bhttp::error::need_more) {
      // The parser was given everything there is; for a socket this is where the peer closed.
      if (!parser.got_some()) {
        outcome.error = bhttp::error::end_of_stream;
        return outcome;
      }
      parser.put_eof(ec);
      if (!ec && parser.is_done()) break;
      outcome.error = ec ? ec : beast::error_code(bhttp::error::partial_message);
      return outcome;
    }
    if (ec) {
      outcome.error = ec;
      return outcome;
    }
    if (used == 0 && !parser.is_done()) {
      outcome.error = bhttp::error::partial_message;
      return outcome;
    }
  }
  outcome.message = parser.release();
  return outcome;
}

std::optional<Response> ResponseForReadError(const beast::error_code& error) {
  if (error == bhttp::error::header_limit || error == bhttp::error::buffer_overflow) {
    return Response::ErrorShape(431, "headers_too_large", "request headers are too large");
  }
  if (error == bhttp::error::body_limit) {
    return Response::FromError(
        core::Error(core::ErrorCode::kTooLarge, "request body is too large"));
  }
  if (error == bhttp::error::end_of_stream || error == bhttp::error::partial_message) {
    return std::nullopt;  // the peer went away; nobody to answer
  }
  if (error.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
    return Response::FromError(core::Error(core::ErrorCode::kInvalidArgument,
                                           "malformed HTTP request: " + error.message()));
  }
  return std::nullopt;  // socket errors and timeouts
}

core::Result<NameValues> DecodeQuery(std::string_view query) {
  NameValues out;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const DecodeOptions options{.plus_as_space = true, .reject_encoded_slash = false};
    RAPPORT_ASSIGN_OR_RETURN(std::string name, PercentDecode(pair.substr(0, eq), "query", options));
    std::string value;
    if (eq != std::string_view::npos) {
      RAPPORT_ASSIGN_OR_RETURN(value, PercentDecode(pair.substr(eq + 1), "query", options));
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

core::Result<Request> DecodeRequest(WireRequest& message) {
  Request request;
  const std::optional<Method> method = ToMethod(message.method());
  if (!method) return core::InvalidArgument("unsupported HTTP method");
  request.method = *method;
  if (message.version() != 10 && message.version() != 11) {
    return core::InvalidArgument("unsupported HTTP version");
  }
  const std::string_view target = message.target();
  const std::size_t question = target.find('?');
  RAPPORT_ASSIGN_OR_RETURN(request.path, DecodePath(target.substr(0, question)));
  if (question != std::string_view::npos) {
    std::string_view query = target.substr(question + 1);
    query = query.substr(0, query.find('#'));
    RAPPORT_ASSIGN_OR_RETURN(request.query, DecodeQuery(query));
  }
  request.headers.reserve(
      static_cast<std::size_t>(std::distance(message.base().begin(), message.base().end())));
  for (const auto& field : message.base()) {
    std::string name(field.name_string());
    for (char& c : name) c = ToLowerAscii(c);
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

}  // namespace rapport::http::internal
