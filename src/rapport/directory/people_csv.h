#pragma once

// The people file of an import, read and checked on its own (no store involved): the header
// row, every data row as a candidate person, and the rules that span rows. What the file
// means for the current directory is decided by PlanImport (import_plan.h).
//
// Header: column names are trimmed and compared case-insensitively, with spaces, '-', '.' and
// '/' read as '_' ("Employee ID" is employee_id; "E-mail" is email). employee_id and name are
// required; the known columns are listed in KnownColumns(); every other column is a custom
// attribute whose normalised name must match [a-z][a-z0-9_]{0,63}, at most kMaxAttributes.
//
// Cells: trimmed, then a spreadsheet apostrophe in front of a formula character is dropped
// (see UnneutraliseFormula), then trimmed again. A column missing from the header leaves that
// field of existing people as it is; a column present with an empty cell clears the field.
// "department" and "team" together give the placement: a department alone places the person
// in the department, a team needs its department.
//
// Rows: every field is validated as the API validates it (person_fields.h). Across rows:
// employee ids are unique (the second occurrence is the error, naming the first line);
// manager_employee_id names a row of the file and not the row itself; the manager chains
// have no cycle (every row of a cycle gets the error).
//
// Thread-safety: pure functions.

#include <array>
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/directory/csv.h"
#include "rapport/store/directory.h"

namespace rapport::directory {

enum class Column {
  kEmployeeId,
  kName,
  kEmail,
  kJobTitle,
  kDepartment,
  kTeam,
  kManagerEmployeeId,
  kHireDate,
  kLocation,
  kEmploymentType,
  kStatus,  // "active" | "inactive" (empty: active); written by the export
};
inline constexpr std::size_t kColumnCount = 11;

// Known column names in export order: employee_id, name, email, ..., status.
std::span<const std::string_view> KnownColumns();
std::string_view ColumnName(Column column);

// One problem in the file. `line` is the 1-based physical line where the record starts (the
// header is line 1 unless blank lines precede it); `field` is a column name or empty when the
// problem concerns the whole row or file.
struct ImportError {
  int line = 0;
  std::string field;
  std::string message;

  friend bool operator==(const ImportError&, const ImportError&) = default;
};

struct PeopleHeader {
  std::array<int, kColumnCount> index{};  // field index of each known column, -1 when absent
  struct Attribute {
    std::string name;  // normalised
    int index = 0;
  };
  std::vector<Attribute> attributes;

  bool Has(Column column) const { return index[static_cast<std::size_t>(column)] >= 0; }
  bool HasPlacement() const { return Has(Column::kDepartment) || Has(Column::kTeam); }
};

// One data row, normalised.
struct Candidate {
  int line = 0;
  std::string employee_id;
  std::string name;
  std::string email;  // lower case
  std::string job_title;
  std::string department;
  std::string team;
  std::string manager_employee_id;
  std::string hire_date;
  std::string location;
  std::string employment_type;
  store::PersonStatus status = store::PersonStatus::kActive;
  store::Attributes attributes;  // the non-empty cells of the attribute columns
  // False when a cell of this row failed validation. The row still counts as present in the
  // file (its person is not deactivated, its reports do not dangle), but it is not planned.
  bool valid = true;
};

struct PeopleFile {
  PeopleHeader header;
  int rows = 0;                     // every data row, valid or not
  std::vector<Candidate> people;    // every data row with a well-formed, unique employee id
  std::vector<ImportError> errors;  // in line order
};

// Reads and checks `csv`. `today` bounds hire dates. A file that is not CSV, or whose header
// is unusable, gives a PeopleFile with errors and no people.
PeopleFile ParsePeopleCsv(std::string_view csv, std::chrono::sys_days today,
                          const CsvLimits& limits = {});

}  // namespace rapport::directory
