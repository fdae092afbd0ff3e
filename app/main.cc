// rapport: the server binary and its administrative subcommands.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/kb_cli.h"
#include "app/search_cli.h"
#include "app/version.h"
#include "rapport/core/config.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not in a header

namespace rapport::app {
namespace {

core::KeyValues RapportEnvironment() {
  core::KeyValues env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos && entry.starts_with("RAPPORT_")) {
      env.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
  return env;
}

std::string ConfigKeysHelp() {
  std::string out = "\nConfiguration keys (TOML [section] key, environment variable, default):\n";
  for (const auto& k : core::ConfigKeys()) {
    out += fmt::format("  {:<26} {:<32} {}\n      {}\n", k.key, k.env,
                       k.default_value.empty() ? "\"\"" : k.default_value, k.help);
  }
  out +=
      "\nPrecedence, lowest first: defaults, the TOML file (--config or RAPPORT_CONFIG),\n"
      "RAPPORT_* environment variables, command-line flags. Unknown keys are errors.\n";
  return out;
}

int Run(int argc, char** argv) {
  CLI::App app{"Rapport: employee and customer experience, self-hosted.", "rapport"};
  app.require_subcommand(1);
  app.footer(ConfigKeysHelp());

  std::string config_file;
  std::string data_dir;
  std::string listen;
  std::vector<std::string> sets;
  const auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
    cmd->add_option("--data-dir", data_dir, "Folder for the database and uploads");
    cmd->add_option("--set", sets, "Any configuration key: --set section.key=value");
  };
  CLI::App* serve = app.add_subcommand("serve", "Serve the API and the web UI");
  add_common(serve);
  serve->add_option("--listen", listen, "Address to listen on: HOST:PORT, :PORT or [V6]:PORT");
  CLI::App* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
  add_common(migrate);
  DemoOptions demo_options;
  CLI::App* demo =
      app.add_subcommand("demo", "Create the demo organisation and print sign-in credentials");
  add_common(demo);
  demo->add_option("--seed", demo_options.seed, "Seed of the generated directory");
  demo->add_option("--credentials-file", demo_options.credentials_file,
                   "Also write the credentials to this file (JSON)");
  CLI::App* admin = app.add_subcommand("admin", "Administrative tasks");
  admin->require_subcommand(1);
  CreateUserOptions create_user;
  CLI::App* create_user_cmd = admin->add_subcommand(
      "create-user", "Create a user; the password is read from standard input");
  add_common(create_user_cmd);
  create_user_cmd->add_option("--email", create_user.email, "Sign-in e-mail")->required();
  create_user_cmd
      ->add_option("--role", create_user.role,
                   "owner, admin, hr, cx_lead, knowledge_editor or employee")
      ->required();
  create_user_cmd->add_option("--org", create_user.organisation,
                              "Organisation slug (default: the default organisation)");
  create_user_cmd->add_option("--name", create_user.name, "Display name (default: the e-mail)");
  ImportKbOptions import_kb;
  CLI::App* import_cmd = app.add_subcommand("import", "Import data");
  import_cmd->require_subcommand(1);
  CLI::App* import_kb_cmd = import_cmd->add_subcommand(
      "kb", "Import a knowledge-base bundle: a folder of Markdown and HTML, or a zip or tarball");
  add_common(import_kb_cmd);
  import_kb_cmd->add_option("DIR", import_kb.source, "The bundle")->required();
  import_kb_cmd->add_option("--visibility", import_kb.visibility,
                            "internal or public, for new articles that do not say");
  import_kb_cmd->add_flag("--publish", import_kb.publish,
                          "Publish articles that do not give a status");
  import_kb_cmd->add_option("--language", import_kb.language,
                            "Language of files that do not say (default en)");
  import_kb_cmd->add_option("--org", import_kb.organisation,
                            "Organisation slug (default: the default organisation)");
  import_kb_cmd->add_flag("--dry-run", import_kb.dry_run, "Check and report, write nothing");
  ExportKbOptions export_kb;
  CLI::App* export_cmd = app.add_subcommand("export", "Export data");
  export_cmd->require_subcommand(1);
  CLI::App* export_kb_cmd = export_cmd->add_subcommand(
      "kb", "Export the knowledge base as a bundle: a new folder, or a file ending in .zip");
  add_common(export_kb_cmd);
  export_kb_cmd->add_option("DIR", export_kb.target, "Where to write")->required();
  export_kb_cmd->add_option("--org", export_kb.organisation,
                            "Organisation slug (default: the default organisation)");
  SearchOptions search_options;
  CLI::App* search_cmd = app.add_subcommand(
      "search", "Search the knowledge base as the index has it (works while the server runs)");
  add_common(search_cmd);
  CLI::App* reindex_cmd = search_cmd->add_subcommand(
      "reindex", "Rebuild the search index from the store (with the server stopped)");
  add_common(reindex_cmd);
  search_cmd->add_option("QUERY", search_options.words, "Words to search for");
  search_cmd->add_option("--limit", search_options.limit, "Results to show (1-100, default 10)")
      ->check(CLI::Range(1, 100));
  search_cmd->add_flag("--public", search_options.public_only,
                       "Find what the public help center finds");
  search_cmd->add_flag("--json", search_options.json, "Print the API's JSON answer");
  search_cmd->add_option("--org", search_options.organisation,
                         "Organisation slug (default: the default organisation)");
  app.add_subcommand("version", "Print the version");

  const auto is_command = [&](std::string_view name) {
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == name) return true;
    }
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !is_command(argv[1])) {
    std::fprintf(stderr,
                 "rapport: unknown command \"%s\"; commands: serve, migrate, demo, admin, "
                 "import, export, search, version\n",
                 argv[1]);
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (app.got_subcommand("version")) {
    std::printf("rapport %s\n", kVersion);
    return kExitOk;
  }

  core::ConfigSources sources;
  sources.environment = RapportEnvironment();
  for (const auto& [name, value] : sources.environment) {
    if (name == core::kConfigFileEnv && !value.empty()) sources.file = value;
  }
  if (!config_file.empty()) sources.file = config_file;
  for (const auto& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) {
      std::fprintf(stderr, "rapport: --set needs section.key=value, got \"%s\"\n", s.c_str());
      return kExitUsage;
    }
    sources.flags.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  if (!data_dir.empty()) sources.flags.emplace_back("store.data_dir", data_dir);
  if (!listen.empty()) sources.flags.emplace_back("server.listen", listen);

  const auto config = core::LoadConfig(sources);
  if (!config) {
    std::fprintf(stderr, "rapport: %s\n", config.error().message().c_str());
    return kExitUsage;
  }
  if (app.got_subcommand(serve)) return Serve(*config);
  if (app.got_subcommand(migrate)) return Migrate(*config);
  if (app.got_subcommand(demo)) return Demo(*config, demo_options);
  if (create_user_cmd->parsed()) return AdminCreateUser(*config, create_user);
  if (import_kb_cmd->parsed()) return ImportKb(*config, import_kb);
  if (export_kb_cmd->parsed()) return ExportKb(*config, export_kb);
  if (reindex_cmd->parsed()) return SearchReindex(*config);
  if (search_cmd->parsed()) {
    if (search_options.words.empty()) {
      std::fprintf(stderr, "rapport: search needs words to search for, or `reindex`\n");
      return kExitUsage;
    }
    return SearchCommand(*config, search_options);
  }
  return kExitUsage;
}

}  // namespace
}  // namespace rapport::app

int main(int argc, char** argv) { return rapport::app::Run(argc, argv); }
