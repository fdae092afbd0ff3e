#pragma once

// Converts Xapian exceptions to core errors at the adapter's boundary: no exception escapes
// the adapter. Unavailable for what a retry can fix (the write lock is held by another
// process, the database is missing or being rewritten), Internal otherwise (with "data loss"
// in the message for a corrupt database). Thread-safety: pure.

#include <xapian.h>

#include <exception>
#include <string>
#include <string_view>

#include "rapport/core/error.h"

namespace rapport::index::xapian::internal {

inline std::string Describe(std::string_view what, const Xapian::Error& e) {
  std::string message = "search index ";
  message += what;
  message += ": ";
  message += e.get_type();
  message += ": ";
  message += e.get_msg();
  return message;
}

// Calls `fn` (returning a core::Result or core::Status) and converts exceptions.
template <typename Fn>
auto Guard(std::string_view what, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Xapian::DatabaseLockError& e) {
    return core::Unavailable(Describe(what, e) + " (another process holds the write lock)");
  } catch (const Xapian::DatabaseCorruptError& e) {
    return core::Internal(Describe(what, e) + " (data loss: rebuild the index)");
  } catch (const Xapian::DatabaseModifiedError& e) {
    return core::Unavailable(Describe(what, e));
  } catch (const Xapian::DatabaseOpeningError& e) {
    return core::Unavailable(Describe(what, e));
  } catch (const Xapian::Error& e) {
    return core::Internal(Describe(what, e));
  } catch (const std::exception& e) {
    return core::Internal(std::string("search index ") + std::string(what) + ": " + e.what());
  }
}

}  // namespace rapport::index::xapian::internal
