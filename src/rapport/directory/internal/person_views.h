#pragma once

// Turns stored people into what a principal may see: team and manager names resolved, and
// the sensitive fields cleared unless auth::Authorize grants people.read_sensitive, directly
// or through the manager relation. Lookups are cached for the life of the builder, so a page
// of people costs one team list and one read per distinct manager.
//
// Thread-safety: belongs to the transaction it reads through (one thread).

#include <optional>
#include <string>
#include <unordered_map>

#include "rapport/auth/policy.h"
#include "rapport/core/error.h"
#include "rapport/directory/service.h"
#include "rapport/store/store.h"

namespace rapport::directory {

class ViewBuilder {
 public:
  ViewBuilder(store::ReadTx& tx, const auth::Principal& principal);

  core::Result<PersonView> Build(store::Person person);
  core::Result<std::string> TeamName(const std::optional<store::TeamId>& id);
  // True when the principal's own directory entry is among `person`'s active managers.
  core::Result<bool> PrincipalManages(const store::Person& person);

 private:
  // The person, or null when absent; cached.
  core::Result<const store::Person*> Lookup(const store::PersonId& id);

  store::ReadTx& tx_;
  const auth::Principal& principal_;
  bool sensitive_for_all_ = false;
  std::optional<std::unordered_map<std::string, std::string>> team_names_;
  std::unordered_map<std::string, std::optional<store::Person>> people_;
  std::unordered_map<std::string, bool> manages_;  // person id -> PrincipalManages
};

// Blanks the fields only people.read_sensitive shows.
void ClearSensitive(store::Person& person);

}  // namespace rapport::directory
