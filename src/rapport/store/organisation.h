#pragma once

// Organisations (tenants) in domain terms, and the repository interfaces that read and write
// them. An organisation's id is the `org_id` that every other table carries: every future
// table has an `org_id` column referencing `organisations(id)` and every query on it filters
// by `org_id`, so the schema can be distributed by organisation (PostgreSQL/Citus) and one
// tenant can never read another's rows by accident.
//
// Repositories are obtained from a transaction (`ReadTx::organisations()`,
// `WriteTx::organisations()`, see store.h) and are valid only inside the function passed to
// `Store::Read`/`Store::Write`. Thread-safety: a repository belongs to its transaction and is
// used by the thread running that transaction only.

#include <string>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/store/pagination.h"

namespace rapport::store {

struct OrganisationTag {};
using OrganisationId = core::Id<OrganisationTag>;

struct Organisation {
  OrganisationId id;
  std::string slug;       // unique across the installation; used in URLs
  std::string name;       // display name
  std::string time_zone;  // IANA name ("Europe/Paris"); defines the organisation's days
  core::TimePoint created_at;

  friend bool operator==(const Organisation&, const Organisation&) = default;
};

// What a caller supplies to create an organisation; the store stamps `created_at` from its
// clock. The domain validates and normalises slug, name and time zone before calling.
struct NewOrganisation {
  OrganisationId id;  // REQUIRES: non-empty (from core::IdGenerator)
  std::string slug;
  std::string name;
  std::string time_zone;
};

class OrganisationReader {
 public:
  virtual ~OrganisationReader() = default;

  // NotFound when no organisation has this id.
  virtual core::Result<Organisation> Get(const OrganisationId& id) = 0;
  // NotFound when no organisation has this slug (slugs compare byte for byte).
  virtual core::Result<Organisation> GetBySlug(std::string_view slug) = 0;
  // Organisations in id order (ids sort by creation time). InvalidArgument (field "limit" or
  // "cursor") for a limit outside [1, kMaxPageLimit] or a cursor this store did not issue.
  virtual core::Result<Page<Organisation>> List(const PageRequest& page) = 0;
};

class OrganisationRepository : public OrganisationReader {
 public:
  // Returns the stored organisation. Conflict when the slug or the id is already taken.
  virtual core::Result<Organisation> Create(const NewOrganisation& org) = 0;
  // Replaces the name and the time zone of the organisation with `org.id` and returns the
  // stored organisation; its slug and created_at stay as they are (the ones in `org` are
  // ignored). NotFound when no organisation has this id. The domain validates first.
  virtual core::Result<Organisation> Update(const Organisation& org) = 0;
};

}  // namespace rapport::store
