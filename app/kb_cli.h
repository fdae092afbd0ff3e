#pragma once

// `rapport import kb DIR` and `rapport export kb DIR`: the knowledge-base bundle import and
// export (rapport/kb/bundle.h) from the command line, against the data folder. Exit status as
// in commands.h; an import with errors in the bundle writes nothing and exits 1.

#include <string>

#include "rapport/core/config.h"

namespace rapport::app {

struct ImportKbOptions {
  std::string source;                   // a folder, or a .zip / .tar / .tar.gz file
  std::string visibility = "internal";  // of new articles that do not say: internal | public
  bool publish = false;
  std::string language = "en";
  std::string organisation;  // slug; empty for the default organisation
  bool dry_run = false;
};
int ImportKb(const core::Config& config, const ImportKbOptions& options);

struct ExportKbOptions {
  std::string target;        // a new or empty folder, or a file ending in .zip
  std::string organisation;  // slug; empty for the default organisation
};
int ExportKb(const core::Config& config, const ExportKbOptions& options);

}  // namespace rapport::app
