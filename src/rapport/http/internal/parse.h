#pragma once

// Reading one HTTP/1.1 request, factored so that it runs without sockets: the server applies
// ConfigureParser to the parser it feeds from the connection, and the fuzzer feeds the same
// parser from a buffer through ParseRequestBytes. DecodeRequest turns the parsed message into
// the Request handlers see. Thread-safety: pure functions.

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

#include "rapport/core/error.h"
#include "rapport/http/request.h"

namespace rapport::http::internal {

using WireRequest = boost::beast::http::request<boost::beast::http::string_body>;
using WireResponse = boost::beast::http::response<boost::beast::http::string_body>;
using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

struct ParseLimits {
  std::size_t max_header_bytes = 16 * 1024;  // request line and headers together
  std::size_t max_body_bytes = 8 * 1024 * 1024;
};

// Applies the limits: the header limit, and the body limit that Beast checks against
// Content-Length before reading the body and against the running total of chunked bodies.
void ConfigureParser(RequestParser& parser, const ParseLimits& limits);

struct ParseOutcome {
  std::optional<WireRequest> message;  // set when a whole request was parsed
  boost::beast::error_code error;      // set otherwise
};

// Parses the first request in `bytes` exactly as the server does; bytes that end before the
// request does give http::error::partial_message (or end_of_stream when empty).
ParseOutcome ParseRequestBytes(std::string_view bytes, const ParseLimits& limits);

// The answer to a failed read: 431 for oversized headers, 413 for an oversized body, 400 for
// any malformed request. std::nullopt when no answer makes sense (the peer closed or reset the
// connection, or the read timed out) and the connection is simply closed.
std::optional<Response> ResponseForReadError(const boost::beast::error_code& error);

// Method, decoded path and query, lower-cased headers and the body (moved out of `message`).
// InvalidArgument for an unsupported method or HTTP version or a target that is not a valid
// origin-form path (see DecodePath), with the query decoded as form data.
core::Result<Request> DecodeRequest(WireRequest& message);

// Splits "a=1&b=x+y" into decoded pairs; InvalidArgument on bad percent-encoding.
core::Result<NameValues> DecodeQuery(std::string_view query);

}  // namespace rapport::http::internal
