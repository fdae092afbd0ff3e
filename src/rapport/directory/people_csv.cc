#include "rapport/directory/people_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "rapport/directory/person_fields.h"

namespace rapport::directory {
namespace {

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "employee_id",         "name",      "email",    "job_title",       "department", "team",
    "manager_employee_id", "hire_date", "location", "employment_type", "status"};
// How many ids of a manager cycle its error message spells out.
constexpr std::size_t kMaxCycleIdsShown = 8;

void AddError(PeopleFile& file, int line, std::string_view field, std::string message) {
  file.errors.push_back(ImportError{line, std::string(field), std::move(message)});
}

std::optional<Column> FindKnownColumn(std::string_view normalised) {
  // The one common spelling that normalisation alone does not reach.
  if (normalised == "e_mail") return Column::kEmail;
  for (std::size_t i = 0; i < kColumnNames.size(); ++i) {
    if (kColumnNames[i] == normalised) return static_cast<Column>(i);
  }
  return std::nullopt;
}

// Fills file.header from the header record; false (with errors) when it is unusable.
bool ParseHeader(const CsvRecord& record, PeopleFile& file) {
  PeopleHeader& header = file.header;
  header.index.fill(-1);
  std::map<std::string, int> seen;  // normalised name -> field index
  bool ok = true;
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const std::string name = NormaliseColumnName(record.fields[i]);
    const std::string shown = std::string(Trim(record.fields[i]));
    if (name.empty()) {
      AddError(file, record.line, "", fmt::format("column {} has no name", i + 1));
      ok = false;
      continue;
    }
    if (!seen.emplace(name, static_cast<int>(i)).second) {
      AddError(file, record.line, name, fmt::format("column \"{}\" appears twice", shown));
      ok = false;
      continue;
    }
    if (const auto known = FindKnownColumn(name)) {
      header.index[static_cast<std::size_t>(*known)] = static_cast<int>(i);
    } else if (!IsValidAttributeName(name)) {
      AddError(file, record.line, shown,
               fmt::format("column \"{}\" is not a usable attribute name: use letters, digits "
                           "and '_', starting with a letter, at most {} characters",
                           shown, kMaxAttributeNameBytes));
      ok = false;
    } else {
      header.attributes.push_back({name, static_cast<int>(i)});
    }
  }
  for (const Column required : {Column::kEmployeeId, Column::kName}) {
    if (!header.Has(required)) {
      AddError(file, record.line, ColumnName(required),
               fmt::format("the header has no \"{}\" column", ColumnName(required)));
      ok = false;
    }
  }
  if (header.attributes.size() > kMaxAttributes) {
    AddError(file, record.line, "", fmt::format("more than {} attribute columns", kMaxAttributes));
    ok = false;
  }
  return ok;
}

// The cell's value as the importer reads it: trimmed, without a spreadsheet apostrophe.
std::string CellValue(const CsvRecord& record, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= record.fields.size()) return {};
  return std::string(
      Trim(UnneutraliseFormula(Trim(record.fields[static_cast<std::size_t>(index)]))));
}

std::string WithoutCarriageReturns(std::string value) {
  std::erase(value, '\r');
  return value;
}

class RowReader {
 public:
  RowReader(const CsvRecord& record, PeopleFile& file, std::chrono::sys_days today)
      : record_(record), file_(file), today_(today) {}

  // The row as a candidate; nullopt when it has no usable employee id.
  std::optional<Candidate> Read() {
    Candidate c;
    c.line = record_.line;
    c.employee_id = Cell(Column::kEmployeeId);
    if (!Check(ValidateEmployeeId(c.employee_id))) return std::nullopt;
    c.name = Cell(Column::kName);
    Check(ValidateLine(c.name, "name", kMaxNameBytes, true));
    if (auto email = NormaliseEmail(Cell(Column::kEmail))) {
      c.email = std::move(*email);
    } else {
      Check(std::unexpected(email.error()));
    }
    c.job_title = Cell(Column::kJobTitle);
    Check(ValidateLine(c.job_title, "job_title", kMaxTextBytes, false));
    ReadPlacement(c);
    c.manager_employee_id = Cell(Column::kManagerEmployeeId);
    if (!c.manager_employee_id.empty()) {
      Check(Renamed(ValidateEmployeeId(c.manager_employee_id), "manager_employee_id"));
    }
    c.hire_date = Cell(Column::kHireDate);
    Check(ValidateHireDate(c.hire_date, today_));
    c.location = Cell(Column::kLocation);
    Check(ValidateLine(c.location, "location", kMaxTextBytes, false));
    c.employment_type = Cell(Column::kEmploymentType);
    Check(ValidateEmploymentType(c.employment_type));
    if (const std::string status = Cell(Column::kStatus); !status.empty()) {
      if (auto parsed = ParseStatus(status)) {
        c.status = *parsed;
      } else {
        Check(std::unexpected(parsed.error()));
      }
    }
    ReadAttributes(c);
    c.valid = valid_;
    return c;
  }

 private:
  std::string Cell(Column column) const {
    return CellValue(record_, file_.header.index[static_cast<std::size_t>(column)]);
  }

  static core::Status Renamed(core::Status status, std::string_view field) {
    if (status) return status;
    return core::Unprocessable(status.error().message(), std::string(field));
  }

  bool Check(const core::Status& status) {
    if (status) return true;
    AddError(file_, record_.line, status.error().field(), status.error().message());
    valid_ = false;
    return false;
  }

  void ReadPlacement(Candidate& c) {
    c.department = Cell(Column::kDepartment);
    c.team = Cell(Column::kTeam);
    if (!c.department.empty()) Check(Renamed(ValidateTeamName(c.department), "department"));
    if (!c.team.empty()) {
      Check(Renamed(ValidateTeamName(c.team), "team"));
      if (c.department.empty()) {
        Check(core::Unprocessable("a team needs its department", "department"));
      }
    }
  }

  void ReadAttributes(Candidate& c) {
    for (const auto& attribute : file_.header.attributes) {
      std::string value = WithoutCarriageReturns(CellValue(record_, attribute.index));
      if (!value.empty()) c.attributes.emplace(attribute.name, std::move(value));
    }
    const core::Status status = ValidateAttributes(c.attributes);
    if (!status) {
      // "attributes.cost_centre" -> "cost_centre": the column as the file names it.
      std::string field = status.error().field();
      if (field.starts_with("attributes.")) field.erase(0, std::string_view("attributes.").size());
      Check(core::Unprocessable(status.error().message(), std::move(field)));
    }
  }

  const CsvRecord& record_;
  PeopleFile& file_;
  std::chrono::sys_days today_;
  bool valid_ = true;
};

void ReadRows(std::span<const CsvRecord> rows, std::size_t columns, PeopleFile& file,
              std::chrono::sys_days today) {
  std::unordered_map<std::string, int> first_line;  // employee id -> line
  for (const CsvRecord& record : rows) {
    ++file.rows;
    bool shape_ok = true;
    if (record.fields.size() != columns) {
      AddError(file, record.line, "",
               fmt::format("the row has {} fields, the header {}", record.fields.size(), columns));
      shape_ok = false;
    }
    std::optional<Candidate> candidate = RowReader(record, file, today).Read();
    if (!candidate) continue;
    candidate->valid = candidate->valid && shape_ok;
    const auto [it, inserted] = first_line.emplace(candidate->employee_id, record.line);
    if (!inserted) {
      AddError(file, record.line, "employee_id",
               fmt::format("employee_id \"{}\" already appears on line {}", candidate->employee_id,
                           it->second));
      continue;
    }
    file.people.push_back(std::move(*candidate));
  }
}

std::string DescribeCycle(const std::vector<Candidate>& people,
                          std::span<const std::size_t> cycle) {
  std::string chain;
  for (std::size_t i = 0; i < cycle.size() && i < kMaxCycleIdsShown; ++i) {
    chain += people[cycle[i]].employee_id + " -> ";
  }
  chain += cycle.size() > kMaxCycleIdsShown ? "..." : people[cycle.front()].employee_id;
  return "the manager chain forms a cycle: " + chain;
}

// Manager references: known, not oneself, no cycles. `manager[i]` is the index of row i's
// manager, or -1.
void CheckManagers(PeopleFile& file) {
  std::vector<Candidate>& people = file.people;
  std::unordered_map<std::string_view, std::size_t> by_id;
  for (std::size_t i = 0; i < people.size(); ++i) by_id.emplace(people[i].employee_id, i);
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> manager(people.size(), kNone);
  for (std::size_t i = 0; i < people.size(); ++i) {
    Candidate& c = people[i];
    if (c.manager_employee_id.empty()) continue;
    const auto it = by_id.find(c.manager_employee_id);
    if (it == by_id.end()) {
      AddError(file, c.line, "manager_employee_id",
               fmt::format("manager \"{}\" is not in the file", c.manager_employee_id));
      c.valid = false;
    } else if (it->second == i) {
      AddError(file, c.line, "manager_employee_id", "a person cannot be their own manager");
      c.valid = false;
    } else {
      manager[i] = it->second;
    }
  }
  // Each row has at most one manager, so following managers from any row either ends or
  // enters exactly one cycle. 0 = not visited, 1 = on the current walk, 2 = done.
  std::vector<char> state(people.size(), 0);
  std::vector<std::size_t> walk;
  for (std::size_t start = 0; start < people.size(); ++start) {
    walk.clear();
    std::size_t at = start;
    while (at != kNone && state[at] == 0) {
      state[at] = 1;
      walk.push_back(at);
      at = manager[at];
    }
    if (at != kNone && state[at] == 1) {
      const auto from = std::ranges::find(walk, at);
      const std::span<const std::size_t> cycle(from, walk.end());
      const std::string message = DescribeCycle(people, cycle);
      for (const std::size_t member : cycle) {
        AddError(file, people[member].line, "manager_employee_id", message);
        people[member].valid = false;
      }
    }
    for (const std::size_t visited : walk) state[visited] = 2;
  }
}

// Line order; the errors of one line keep the order in which they were found.
void SortByLine(std::vector<ImportError>& errors) {
  std::vector<std::pair<int, std::size_t>> order;  // (line, index)
  order.reserve(errors.size());
  for (std::size_t i = 0; i < errors.size(); ++i) order.emplace_back(errors[i].line, i);
  std::ranges::sort(order);
  std::vector<ImportError> sorted;
  sorted.reserve(errors.size());
  for (const auto& [unused, index] : order) sorted.push_back(std::move(errors[index]));
  errors = std::move(sorted);
}

}  // namespace

std::span<const std::string_view> KnownColumns() { return kColumnNames; }

std::string_view ColumnName(Column column) {
  return kColumnNames[static_cast<std::size_t>(column)];
}

PeopleFile ParsePeopleCsv(std::string_view csv, std::chrono::sys_days today,
                          const CsvLimits& limits) {
  PeopleFile file;
  auto records = ReadCsv(csv, limits);
  if (!records) {
    const CsvError& error = records.error();
    AddError(file, error.line, "",
             error.column > 0 ? fmt::format("column {}: {}", error.column, error.message)
                              : error.message);
    return file;
  }
  if (records->empty()) {
    AddError(file, 1, "", "the file is empty: it needs a header row");
    return file;
  }
  const CsvRecord& header = records->front();
  if (!ParseHeader(header, file)) return file;
  ReadRows(std::span(*records).subspan(1), header.fields.size(), file, today);
  CheckManagers(file);
  SortByLine(file.errors);
  return file;
}

}  // namespace rapport::directory
