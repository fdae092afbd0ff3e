#pragma once

// The directory as a people file: the columns the import reads (KnownColumns(), status
// included), then every attribute in use sorted by name; one row per person, active and
// inactive, sorted by employee id; UTF-8 with a byte-order mark, CRLF, and formula-safe cells
// (see CsvWriter). Importing the export changes nothing.
//
// A person in a team gets the team's name and its nearest department's name; a person in a
// department gets the department and an empty team.
//
// Thread-safety: a pure function.

#include <string>

#include "rapport/directory/import_plan.h"

namespace rapport::directory {

std::string ExportPeopleCsv(const DirectorySnapshot& directory);

}  // namespace rapport::directory
