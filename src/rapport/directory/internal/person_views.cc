#include "rapport/directory/internal/person_views.h"

#include <unordered_set>
#include <utility>
#include <vector>

namespace rapport::directory {

void ClearSensitive(store::Person& person) {
  person.hire_date.clear();
  person.employment_type.clear();
  person.attributes.clear();
}

ViewBuilder::ViewBuilder(store::ReadTx& tx, const auth::Principal& principal)
    : tx_(tx),
      principal_(principal),
      sensitive_for_all_(
          auth::Authorize(principal, auth::Action::kPeopleReadSensitive).has_value()) {}

core::Result<const store::Person*> ViewBuilder::Lookup(const store::PersonId& id) {
  auto it = people_.find(id.str());
  if (it == people_.end()) {
    auto person = tx_.people().Get(principal_.org_id, id);
    if (!person && person.error().code() != core::ErrorCode::kNotFound) {
      return std::unexpected(person.error());
    }
    std::optional<store::Person> found;
    if (person) found = std::move(*person);
    it = people_.emplace(id.str(), std::move(found)).first;
  }
  return it->second ? &*it->second : nullptr;
}

core::Result<std::string> ViewBuilder::TeamName(const std::optional<store::TeamId>& id) {
  if (!id) return std::string();
  if (!team_names_) {
    RAPPORT_ASSIGN_OR_RETURN(const auto teams, tx_.teams().ListAll(principal_.org_id));
    team_names_.emplace();
    for (const store::Team& team : teams) team_names_->emplace(team.id.str(), team.name);
  }
  const auto it = team_names_->find(id->str());
  return it == team_names_->end() ? std::string() : it->second;
}

core::Result<bool> ViewBuilder::PrincipalManages(const store::Person& person) {
  if (!principal_.person_id) return false;
  const std::string& self = principal_.person_id->str();
  // Climb through active managers; every id on the way gets the same answer ("the
  // principal is this person or above them").
  std::vector<std::string> climbed;
  std::unordered_set<std::string> seen{person.id.str()};
  std::optional<store::PersonId> at = person.manager_id;
  bool answer = false;
  while (at) {
    if (at->str() == self) {
      answer = true;
      break;
    }
    if (const auto memo = manages_.find(at->str()); memo != manages_.end()) {
      answer = memo->second;
      break;
    }
    if (!seen.insert(at->str()).second) break;  // a cycle in old data
    RAPPORT_ASSIGN_OR_RETURN(const store::Person* manager, Lookup(*at));
    if (manager == nullptr || manager->status != store::PersonStatus::kActive) break;
    climbed.push_back(at->str());
    at = manager->manager_id;
  }
  for (const std::string& id : climbed) manages_.emplace(id, answer);
  return answer;
}

core::Result<PersonView> ViewBuilder::Build(store::Person person) {
  PersonView view;
  RAPPORT_ASSIGN_OR_RETURN(view.team_name, TeamName(person.team_id));
  if (person.manager_id) {
    RAPPORT_ASSIGN_OR_RETURN(const store::Person* manager, Lookup(*person.manager_id));
    if (manager != nullptr) view.manager_name = manager->name;
  }
  view.sensitive_visible = sensitive_for_all_;
  if (!view.sensitive_visible) {
    RAPPORT_ASSIGN_OR_RETURN(const bool manages, PrincipalManages(person));
    view.sensitive_visible =
        manages &&
        auth::Authorize(principal_, auth::Action::kPeopleReadSensitive, auth::Relation::kManagerOf)
            .has_value();
  }
  if (!view.sensitive_visible) ClearSensitive(person);
  view.person = std::move(person);
  return view;
}

}  // namespace rapport::directory
