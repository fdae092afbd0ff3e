#pragma once

// Opaque identifiers. An id is 26 characters of Crockford base32 (lower case): 48 bits of
// milliseconds since the epoch then 80 random bits, so ids sort roughly by creation time
// (good B-tree locality) yet cannot be guessed. Clients treat them as opaque strings.
// `Id<Tag>` gives each kind of id its own type so a person id cannot be passed as a team id.
// Thread-safety: value types. IdGenerator is as thread-safe as the Random it is given.

#include <string>
#include <string_view>
#include <utility>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/random.h"

namespace rapport::core {

inline constexpr std::size_t kIdLength = 26;

// True when `text` has the shape of an id: exactly 26 characters of the lower-case Crockford
// alphabet. Use it to reject hostile path parameters before they reach the store.
bool IsWellFormedId(std::string_view text);

template <typename Tag>
class Id {
 public:
  Id() = default;
  // REQUIRES: IsWellFormedId(value). Use Parse() for untrusted input.
  static Id FromTrusted(std::string value) { return Id(std::move(value)); }
  static Result<Id> Parse(std::string_view text, std::string_view field = "id") {
    if (!IsWellFormedId(text)) return InvalidArgument("malformed id", std::string(field));
    return Id(std::string(text));
  }

  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  friend auto operator<=>(const Id&, const Id&) = default;

 private:
  explicit Id(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

class IdGenerator {
 public:
  IdGenerator(const Clock& clock, Random& random) : clock_(clock), random_(random) {}
  std::string NewRaw();
  template <typename Tag>
  Id<Tag> New() {
    return Id<Tag>::FromTrusted(NewRaw());
  }

 private:
  const Clock& clock_;
  Random& random_;
};

}  // namespace rapport::core
