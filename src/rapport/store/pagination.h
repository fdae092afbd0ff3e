#pragma once

// Cursor pagination shared by every repository: a request carries a limit and the opaque
// cursor returned with the previous page; a page carries its items and the cursor of the next
// page (empty on the last page). Cursors encode the sort key of the last item returned
// (keyset pagination), so pages stay stable while rows are inserted, and the same encoding is
// used by every adapter. Thread-safety: value types and pure functions.

#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"

namespace rapport::store {

inline constexpr int kDefaultPageLimit = 50;
inline constexpr int kMaxPageLimit = 1000;

struct PageRequest {
  int limit = kDefaultPageLimit;
  std::string cursor = {};  // empty for the first page
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // empty when there are no more items
};

// Encodes a sort key as an opaque, URL-safe cursor.
std::string EncodeCursor(std::string_view key);

// Decodes a cursor made by EncodeCursor; an empty cursor decodes to an empty key.
// InvalidArgument (field "cursor") for anything else.
core::Result<std::string> DecodeCursor(std::string_view cursor);

// InvalidArgument (field "limit") unless 1 <= limit <= kMaxPageLimit.
core::Status ValidatePageLimit(int limit);

}  // namespace rapport::store
