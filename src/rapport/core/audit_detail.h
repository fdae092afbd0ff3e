#pragma once

// Builds the `detail` of an audit entry: a flat JSON object of strings, integers and string
// lists, written by hand so the domain needs no JSON library. Strings are escaped (quotes,
// backslashes, control characters), so a hostile e-mail or name cannot break the object.
// Thread-safety: a value type; one builder per entry.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace rapport::core {

class AuditDetail {
 public:
  AuditDetail& Add(std::string_view key, std::string_view value);
  AuditDetail& Add(std::string_view key, std::int64_t value);
  AuditDetail& Add(std::string_view key, std::span<const std::string> values);
  // "{...}"; "{}" when nothing was added.
  std::string str() const { return "{" + body_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string body_;
};

// `text` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view text);

}  // namespace rapport::core
