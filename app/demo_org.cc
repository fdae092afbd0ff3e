#include "app/demo_org.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "rapport/core/random.h"

namespace rapport::app {
namespace {

using store::Person;
using store::Team;

// Names drawn from many languages, so the demo looks like a real international company.
constexpr std::array kFirstNames = {
    "Ada",    "Amara",   "Ana",   "Andrei", "Aiko",    "Beatriz", "Bilal", "Camille",
    "Carlos", "Chen",    "Chloe", "Daniel", "Dara",    "Diego",   "Elif",  "Emeka",
    "Emma",   "Farah",   "Felix", "Fatima", "Gabriel", "Grace",   "Hana",  "Hugo",
    "Ines",   "Isaac",   "Ivan",  "Jamal",  "Jana",    "Joao",    "Julia", "Kai",
    "Kavya",  "Kofi",    "Lars",  "Leila",  "Liam",    "Lucia",   "Mateo", "Maya",
    "Mei",    "Mohamed", "Nadia", "Nikhil", "Noah",    "Olga",    "Omar",  "Priya",
    "Rafael", "Rania",   "Rosa",  "Ruben",  "Sakura",  "Samir",   "Sara",  "Sean",
    "Sofia",  "Tariq",   "Thabo", "Tomas",  "Valeria", "Wei",     "Yara",  "Zoe"};
constexpr std::array kLastNames = {
    "Abara",    "Almeida",   "Andersen", "Bakker",  "Banerjee", "Becker",    "Brennan",
    "Castillo", "Chowdhury", "Costa",    "Dubois",  "Eriksson", "Fernandes", "Fischer",
    "Garcia",   "Haddad",    "Hansen",   "Herrera", "Ito",      "Jansen",    "Kim",
    "Kowalski", "Kumar",     "Larsen",   "Lopes",   "Mahlangu", "Martin",    "Mendes",
    "Moreau",   "Nakamura",  "Nguyen",   "Novak",   "Okafor",   "Olsen",     "Park",
    "Patel",    "Pereira",   "Petrov",   "Quinn",   "Rahman",   "Reyes",     "Rossi",
    "Santos",   "Schmidt",   "Silva",    "Singh",   "Sousa",    "Tanaka",    "Torres",
    "Varga",    "Wagner",    "Walsh",    "Wang",    "Yilmaz",   "Zhang",     "Zielinski"};

struct DepartmentSpec {
  std::string_view name = {};
  std::string_view cost_centre = {};
  std::string_view head_title = {};
  std::string_view lead_title = {};
  std::vector<std::string_view> member_titles = {};
  std::vector<std::string_view> team_names = {};  // one team per entry
  std::vector<std::string_view> locations = {};   // team i is in locations[i % size]
  int people = 0;                                 // members, besides the head and the leads
  std::string_view usual_employment = {};
};

// Team names are the organisation's own; retail teams are named after their store.
std::vector<DepartmentSpec> Departments() {
  return {
      {"Customer Support",
       "CC-310",
       "Head of Customer Support",
       "Support Team Lead",
       {"Support Specialist", "Senior Support Specialist", "Support Specialist",
        "Returns Specialist"},
       {"Care Lisbon A",     "Care Lisbon B",         "Care Lisbon C",         "Care Manchester A",
        "Care Manchester B", "Care Manchester C",     "Care Austin A",         "Care Austin B",
        "Care Austin C",     "Chat Lisbon",           "Chat Manchester",       "Chat Austin",
        "Returns Desk EMEA", "Returns Desk Americas", "Billing Support",       "Order Escalations",
        "Business Accounts", "Social Care",           "Knowledge and Quality", "Care Onboarding",
        "Warranty Claims",   "Weekend Care"},
       {"Lisbon", "Lisbon",     "Lisbon",     "Manchester", "Manchester", "Manchester",
        "Austin", "Austin",     "Austin",     "Lisbon",     "Manchester", "Austin",
        "Lisbon", "Austin",     "Manchester", "Lisbon",     "Austin",     "Remote",
        "Lisbon", "Manchester", "Austin",     "Remote"},
       230,
       "full_time"},
      {"Retail Stores",
       "CC-220",
       "Director of Retail",
       "Store Manager",
       {"Sales Associate", "Sales Associate", "Senior Sales Associate", "Bike Technician",
        "Stock Associate"},
       {"Store Lisbon Chiado", "Store Porto",     "Store Madrid",     "Store Barcelona",
        "Store Lyon",          "Store Paris",     "Store Manchester", "Store Leeds",
        "Store Edinburgh",     "Store Dublin",    "Store Amsterdam",  "Store Berlin",
        "Store Munich",        "Store Zurich",    "Store Vienna",     "Store Copenhagen",
        "Store Oslo",          "Store Stockholm", "Store Austin",     "Store Denver",
        "Store Seattle",       "Store Toronto",   "Store Vancouver",  "Store Boulder"},
       {"Lisbon",     "Porto",  "Madrid",    "Barcelona",  "Lyon",      "Paris",
        "Manchester", "Leeds",  "Edinburgh", "Dublin",     "Amsterdam", "Berlin",
        "Munich",     "Zurich", "Vienna",    "Copenhagen", "Oslo",      "Stockholm",
        "Austin",     "Denver", "Seattle",   "Toronto",    "Vancouver", "Boulder"},
       250,
       "part_time"},
      {"Operations",
       "CC-410",
       "Head of Operations",
       "Shift Lead",
       {"Warehouse Operative", "Warehouse Operative", "Picker Packer", "Forklift Driver",
        "Inventory Controller"},
       {"Warehouse Rotterdam Early", "Warehouse Rotterdam Late", "Warehouse Rotterdam Night",
        "Warehouse Reno Early", "Warehouse Reno Late", "Warehouse Reno Night", "Inbound Rotterdam",
        "Inbound Reno", "Returns Processing", "Transport Planning", "Carrier Relations",
        "Procurement", "Supplier Quality", "Demand Planning", "Facilities", "Health and Safety",
        "Repairs Workshop", "Packaging"},
       {"Rotterdam", "Rotterdam", "Rotterdam", "Reno", "Reno", "Reno", "Rotterdam", "Reno",
        "Rotterdam", "Rotterdam", "Reno", "Lisbon", "Rotterdam", "Lisbon", "Rotterdam", "Reno",
        "Rotterdam", "Reno"},
       200,
       "full_time"},
      {"Engineering",
       "CC-510",
       "VP Engineering",
       "Engineering Manager",
       {"Software Engineer", "Senior Software Engineer", "Software Engineer", "Staff Engineer",
        "QA Engineer", "Product Designer"},
       {"Storefront",
        "Checkout",
        "Search and Discovery",
        "Mobile App",
        "Order Management",
        "Warehouse Systems",
        "Support Tools",
        "Payments",
        "Data Platform",
        "Analytics",
        "Identity",
        "Platform Infrastructure",
        "Site Reliability",
        "Security",
        "Internal Tools",
        "Design System",
        "Loyalty",
        "Pricing",
        "Developer Experience",
        "Machine Learning"},
       {"Lisbon", "Lisbon", "Toronto", "Toronto", "Lisbon", "Remote"},
       170,
       "full_time"},
      {"Sales",
       "CC-610",
       "VP Sales",
       "Sales Manager",
       {"Account Executive", "Account Executive", "Business Development Rep", "Account Manager"},
       {"Team Sports EMEA", "Team Sports Americas", "Schools and Clubs", "Corporate Gifting",
        "Outdoor Retail Partners", "Marketplace Partners", "Key Accounts EMEA",
        "Key Accounts Americas", "Inside Sales", "Sales Operations", "Partnerships",
        "Rental Fleets", "Events", "Public Sector"},
       {"Manchester", "Austin", "Lisbon", "Toronto", "Amsterdam", "Remote"},
       125,
       "full_time"},
      {"Marketing",
       "CC-620",
       "Chief Marketing Officer",
       "Marketing Lead",
       {"Marketing Specialist", "Content Writer", "Performance Marketer", "Brand Designer"},
       {"Brand", "Content and Community", "Performance Marketing", "Lifecycle and E-mail",
        "Product Marketing", "Partnership Marketing", "Events and Ambassadors", "Market Research"},
       {"Lisbon", "Amsterdam", "Toronto", "Remote"},
       58,
       "full_time"},
      {"Finance",
       "CC-710",
       "Chief Financial Officer",
       "Finance Manager",
       {"Accountant", "Financial Analyst", "Payroll Specialist", "Accounts Payable Clerk"},
       {"Accounting", "Financial Planning", "Payroll", "Accounts Payable", "Tax and Treasury",
        "Revenue Assurance"},
       {"Amsterdam", "Lisbon", "Austin"},
       44,
       "full_time"},
      {"People and Culture",
       "CC-810",
       "Chief People Officer",
       "People Lead",
       {"HR Business Partner", "Recruiter", "Learning Specialist", "People Operations Partner"},
       {"HR Business Partners", "Talent Acquisition", "Learning and Development",
        "People Operations", "Total Rewards", "Workplace and Wellbeing"},
       {"Lisbon", "Manchester", "Austin"},
       38,
       "full_time"},
  };
}

// Today, for the generator: a fixed date keeps the data deterministic.
constexpr int kAsOfYear = 2026;

class Generator {
 public:
  Generator(core::IdGenerator& ids, std::uint64_t seed) : ids_(ids), random_(seed) {}

  // Picks from a container.
  template <typename C>
  const auto& Pick(const C& c) {
    return c[random_.Uniform(c.size())];
  }
  int Between(int lo, int hi) { return lo + static_cast<int>(random_.Uniform(hi - lo + 1)); }
  bool Chance(int percent) { return static_cast<int>(random_.Uniform(100)) < percent; }

  // A hire date `min_years`..`max_years` ago, skewed towards recent hires like a growing company.
  std::string HireDate(int min_years, int max_years) {
    const double u = static_cast<double>(random_.Uniform(1'000'000)) / 1'000'000.0;
    const int years = min_years + static_cast<int>((max_years - min_years) * u * u);
    const int year = kAsOfYear - years;
    const int month = year == kAsOfYear ? Between(1, 10) : Between(1, 12);
    return fmt::format("{:04}-{:02}-{:02}", year, month, Between(1, 28));
  }

  Person NewPerson(const store::TeamId& team, std::string_view title, std::string_view location,
                   std::string_view employment, std::string hire_date,
                   const std::optional<store::PersonId>& manager, const DepartmentSpec& dept) {
    Person p;
    p.id = ids_.New<store::PersonTag>();
    p.employee_id = fmt::format("AF{:05}", next_employee_number_++);
    const std::string first(Pick(kFirstNames));
    const std::string last(Pick(kLastNames));
    p.name = first + " " + last;
    p.email = UniqueEmail(first, last);
    p.job_title = std::string(title);
    p.team_id = team;
    p.manager_id = manager;
    p.hire_date = std::move(hire_date);
    p.location = std::string(location);
    p.employment_type = std::string(employment);
    if (employment == "full_time" && Chance(4)) p.employment_type = "contractor";
    if (Chance(2)) p.employment_type = "intern";
    p.attributes["cost_centre"] = std::string(dept.cost_centre);
    p.attributes["work_pattern"] =
        location == "Remote" ? "remote" : (Chance(35) ? "hybrid" : "on_site");
    return p;
  }

 private:
  std::string UniqueEmail(const std::string& first, const std::string& last) {
    std::string base;
    for (char c : fmt::format("{}.{}", first, last)) {
      base += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string email = fmt::format("{}@{}", base, kDemoEmailDomain);
    for (int n = 2; !emails_.insert(email).second; ++n) {
      email = fmt::format("{}{}@{}", base, n, kDemoEmailDomain);
    }
    return email;
  }

  core::IdGenerator& ids_;
  core::SeededRandom random_;
  std::set<std::string> emails_;
  int next_employee_number_ = 10001;
};

// One month to three years after `from`, but no later than the generator's "today"; empty
// when `from` leaves no room.
std::string LaterDate(Generator& g, const std::string& from) {
  using std::chrono::day, std::chrono::days, std::chrono::month, std::chrono::October,
      std::chrono::sys_days, std::chrono::year, std::chrono::year_month_day;
  const year_month_day start{year(std::stoi(from.substr(0, 4))),
                             month(static_cast<unsigned>(std::stoi(from.substr(5, 2)))),
                             day(static_cast<unsigned>(std::stoi(from.substr(8, 2))))};
  const sys_days as_of = sys_days(year(kAsOfYear) / October / 31);
  const sys_days later = std::min(as_of, sys_days(start) + days(g.Between(30, 3 * 365)));
  if (later <= sys_days(start)) return {};
  const year_month_day out(later);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(out.year()),
                     static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()));
}

// The whole directory in memory first: the plan is a pure function of the seed (employee
// ids, names and dates), so a later run can find the demo cast again by employee id.
struct PlannedPerson {
  Person person = {};                  // where they are now
  std::optional<Person> earlier = {};  // where they started, for people who transferred
  std::string moved_on = {};           // date of the transfer
  std::string left_on = {};            // date they left, for leavers
};

struct DemoPlan {
  std::vector<Team> teams;            // departments before their teams
  std::vector<PlannedPerson> people;  // managers before their reports
  DemoCast cast;
  DemoStats stats;
};

DemoPlan Plan(core::IdGenerator& ids, std::uint64_t seed) {
  DemoPlan plan;
  Generator g(ids, seed);
  const auto add_team = [&](std::string_view name, store::TeamKind kind,
                            const std::optional<store::TeamId>& parent) -> const Team& {
    plan.teams.push_back({.id = ids.New<store::TeamTag>(),
                          .name = std::string(name),
                          .kind = kind,
                          .parent_id = parent});
    return plan.teams.back();
  };
  // The chief executive sits at the root of the organisation, in no department.
  const DepartmentSpec exec{.name = "Executive", .cost_centre = "CC-100"};
  Person ceo = g.NewPerson(store::TeamId(), "Chief Executive Officer", "Lisbon", "full_time",
                           "2011-03-01", std::nullopt, exec);
  ceo.team_id.reset();
  ceo.employment_type = "full_time";
  plan.people.push_back({.person = ceo});
  plan.cast.chief_executive = ceo;

  for (const DepartmentSpec& dept : Departments()) {
    const store::TeamId department =
        add_team(dept.name, store::TeamKind::kDepartment, std::nullopt).id;
    ++plan.stats.departments;
    Person head = g.NewPerson(department, dept.head_title, dept.locations.front(), "full_time",
                              g.HireDate(5, 14), ceo.id, dept);
    head.employment_type = "full_time";
    plan.people.push_back({.person = head});

    const int team_count = static_cast<int>(dept.team_names.size());
    std::vector<store::TeamId> teams;
    std::vector<Person> leads;
    for (int t = 0; t < team_count; ++t) {
      teams.push_back(add_team(dept.team_names[t], store::TeamKind::kTeam, department).id);
      ++plan.stats.teams;
      const std::string_view location = dept.locations[t % dept.locations.size()];
      Person lead = g.NewPerson(teams.back(), dept.lead_title, location, "full_time",
                                g.HireDate(2, 12), head.id, dept);
      lead.employment_type = "full_time";
      plan.people.push_back({.person = lead});
      leads.push_back(std::move(lead));
    }
    for (int i = 0; i < dept.people; ++i) {
      // Round-robin keeps team sizes within one of each other; a little noise varies them.
      const int t = (i + (g.Chance(20) ? 1 : 0)) % team_count;
      const std::string_view location = dept.locations[t % dept.locations.size()];
      PlannedPerson planned{.person = g.NewPerson(teams[t], g.Pick(dept.member_titles), location,
                                                  dept.usual_employment, g.HireDate(0, 14),
                                                  leads[t].id, dept)};
      Person& member = planned.person;
      if (dept.usual_employment == "part_time" && g.Chance(40)) {
        member.employment_type = "full_time";
      }
      // Some people started in a sibling team and moved later: the history shows it.
      std::string last_change = member.hire_date;
      if (team_count > 1 && g.Chance(6) && member.hire_date < "2026-01") {
        const int from = (t + 1) % team_count;
        planned.earlier = member;
        planned.earlier->team_id = teams[from];
        planned.earlier->manager_id = leads[from].id;
        planned.moved_on = LaterDate(g, last_change);
        if (planned.moved_on.empty()) {
          planned.earlier.reset();
        } else {
          last_change = planned.moved_on;
          ++plan.stats.transfers;
        }
      }
      // A few leavers, kept (inactive) for exit surveys and history.
      if (g.Chance(3)) {
        planned.left_on = LaterDate(g, last_change);
        if (!planned.left_on.empty()) {
          member.status = store::PersonStatus::kInactive;
          ++plan.stats.inactive;
        }
      }
      const bool settled = !planned.earlier && member.status == store::PersonStatus::kActive;
      if (dept.name == "Customer Support" && t == 0 && plan.cast.team_member.id.empty() &&
          settled) {
        plan.cast.team_member = member;
        plan.cast.team_lead = leads[0];
      }
      if (dept.name == "Customer Support" && dept.team_names[t] == "Knowledge and Quality" &&
          plan.cast.knowledge_editor.id.empty() && settled) {
        member.job_title = "Knowledge Manager";
        plan.cast.knowledge_editor = member;
      }
      if (dept.name == "People and Culture" && plan.cast.hr_partner.id.empty() && settled &&
          member.job_title == "HR Business Partner") {
        plan.cast.hr_partner = member;
      }
      plan.people.push_back(std::move(planned));
    }
  }
  plan.stats.people = static_cast<int>(plan.people.size());
  return plan;
}

core::Status WritePlan(store::WriteTx& tx, const store::OrganisationId& org, const DemoPlan& plan) {
  for (const Team& team : plan.teams) {
    RAPPORT_RETURN_IF_ERROR(tx.teams().Create(
        org, {.id = team.id, .name = team.name, .kind = team.kind, .parent_id = team.parent_id}));
  }
  auto& people = tx.people();
  for (const PlannedPerson& planned : plan.people) {
    Person first = planned.earlier.value_or(planned.person);
    first.status = store::PersonStatus::kActive;
    RAPPORT_RETURN_IF_ERROR(people.Create(org, first, first.hire_date));
    if (planned.earlier) {
      Person moved = planned.person;
      moved.status = store::PersonStatus::kActive;
      RAPPORT_RETURN_IF_ERROR(people.Update(org, moved, planned.moved_on));
    }
    if (!planned.left_on.empty()) {
      RAPPORT_RETURN_IF_ERROR(people.Update(org, planned.person, planned.left_on));
    }
  }
  return core::Ok();
}

}  // namespace

core::Result<DemoDirectory> EnsureDemoDirectory(store::Store& store, core::IdGenerator& ids,
                                                const store::OrganisationId& org,
                                                std::uint64_t seed) {
  const DemoPlan plan = Plan(ids, seed);
  if (plan.cast.team_member.id.empty() || plan.cast.hr_partner.id.empty() ||
      plan.cast.knowledge_editor.id.empty()) {
    return core::Internal("the demo generator found no one to sign in as");
  }
  DemoDirectory out{.cast = plan.cast, .stats = plan.stats, .created = false};
  RAPPORT_RETURN_IF_ERROR(store.Write([&](store::WriteTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(const auto existing, tx.people().List(org, {}, {.limit = 1}));
    if (existing.items.empty()) {
      out.created = true;
      return WritePlan(tx, org, plan);
    }
    // Written before: find the cast again by their employee ids.
    for (Person* p : {&out.cast.chief_executive, &out.cast.hr_partner, &out.cast.team_lead,
                      &out.cast.team_member, &out.cast.knowledge_editor}) {
      auto found = tx.people().GetByEmployeeId(org, p->employee_id);
      if (!found) {
        return core::Unprocessable(fmt::format(
            "the organisation has people but not the demo's {} ({}); use an empty data folder",
            p->employee_id, p->name));
      }
      *p = std::move(*found);
    }
    return core::Ok();
  }));
  return out;
}

}  // namespace rapport::app
