#pragma once

// The audit log: an append-only record of security-relevant events (sign-ins and failures,
// role and token changes, imports, exports, settings changes). The port offers no update or
// delete, and adapters refuse them in the database itself (SQLite: triggers), so even a bug
// elsewhere cannot rewrite history.
//
// Thread-safety: as for every repository (see organisation.h).

#include <cstdint>
#include <optional>
#include <string>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/store/organisation.h"
#include "rapport/store/pagination.h"

namespace rapport::store {

struct AuditEntry {
  std::int64_t seq = 0;  // assigned by the store, increasing across the installation
  OrganisationId org_id = {};
  core::TimePoint at = {};
  std::string actor_id = {};     // user id; empty for the system or an unknown caller
  std::string actor_label = {};  // e-mail or "system", kept as it was at the time
  std::string action = {};       // "auth.login", "auth.login_failed", "people.import", ...
  std::string target = {};       // what was acted on: a user id, "people", a token id
  std::string detail = {};       // a JSON object with action-specific facts
  std::string remote_address = {};

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

struct AuditFilter {
  std::string action = {};  // exact action, or a prefix ending in '.' ("auth."); empty for all
  std::string actor_id = {};
};

class AuditReader {
 public:
  virtual ~AuditReader() = default;
  // Newest first, cursor pagination.
  virtual core::Result<Page<AuditEntry>> List(const OrganisationId& org, const AuditFilter& filter,
                                              const PageRequest& page) = 0;
};

class AuditRepository : public AuditReader {
 public:
  // Stores the entry (its `seq` is ignored) and returns it with the assigned seq.
  virtual core::Result<AuditEntry> Append(const AuditEntry& entry) = 0;
};

}  // namespace rapport::store
