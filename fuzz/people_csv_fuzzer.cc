// Feeds arbitrary bytes to the CSV reader and to the people import (parse, check, plan against
// an empty directory and against a small existing one). Beyond "no crash, no leak, no UB,
// no endless loop": what the reader accepts, the writer writes back to the same records; every
// error names a line; the plan's counts add up.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/directory/csv.h"
#include "rapport/directory/import_plan.h"
#include "rapport/directory/people_csv.h"

namespace {

using namespace rapport;               // NOLINT(google-build-using-namespace): fuzzer entry point
using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): date literals

constexpr std::chrono::sys_days kToday{2026y / 11 / 22};
// Small limits so that the fuzzer reaches them.
constexpr directory::CsvLimits kLimits{.max_field_bytes = 64, .max_columns = 16, .max_records = 64};

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckReaderRoundTrip(std::string_view input) {
  const auto records = directory::ReadCsv(input, kLimits);
  if (!records) {
    Check(records.error().line >= 1 && !records.error().message.empty());
    return;
  }
  directory::CsvWriter writer(
      directory::CsvWriter::Options{.byte_order_mark = true, .neutralise_formulas = false});
  for (const auto& record : *records) {
    Check(record.line >= 1 && !record.fields.empty());
    writer.AddRecord(record.fields);
  }
  const auto again = directory::ReadCsv(writer.text(), kLimits);
  Check(again.has_value() && again->size() == records->size());
  for (std::size_t i = 0; i < records->size(); ++i) {
    Check((*again)[i].fields == (*records)[i].fields);
  }
}

directory::DirectorySnapshot SmallDirectory() {
  directory::DirectorySnapshot d;
  store::Team sales;
  sales.id = store::TeamId::FromTrusted("0000000000000000000000000t");
  sales.name = "Sales";
  sales.kind = store::TeamKind::kDepartment;
  d.teams.push_back(sales);
  for (int i = 1; i <= 3; ++i) {
    store::Person p;
    p.id = store::PersonId::FromTrusted("000000000000000000000000p" + std::to_string(i));
    p.employee_id = "E" + std::to_string(i);
    p.name = "Person " + std::to_string(i);
    p.team_id = sales.id;
    if (i > 1) p.manager_id = d.people.front().id;
    d.people.push_back(p);
  }
  return d;
}

void CheckPlan(const directory::PeopleFile& file, const directory::DirectorySnapshot& current) {
  const directory::ImportPlan plan = directory::PlanImport(file, current, {.force = false});
  const directory::ImportReport& r = plan.report;
  Check(r.rows == file.rows);
  Check(r.creates + r.updates + r.unchanged + r.reactivations <= r.rows + r.deactivations);
  Check(r.changes.size() ==
        static_cast<std::size_t>(r.creates + r.updates + r.deactivations + r.reactivations));
  for (const auto& write : plan.writes) {
    Check(write.planned_team < static_cast<int>(plan.new_teams.size()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckReaderRoundTrip(input);
  const directory::PeopleFile file = directory::ParsePeopleCsv(input, kToday, kLimits);
  for (const auto& error : file.errors) Check(!error.message.empty());
  static const directory::DirectorySnapshot kSmall = SmallDirectory();
  CheckPlan(file, {});
  CheckPlan(file, kSmall);
  return 0;
}
