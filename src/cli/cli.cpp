#include "cli/cli.hpp"

#include <cstdlib>
#include <ostream>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "cli/help_formatter.hpp"
#include "cli/parse_error_text.hpp"
#include "cli/version_text.hpp"
#include "config/database_url.hpp"
#include "util/error.hpp"

namespace dbmig::cli {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("-c,--config", options.config_file, "configuration file (default: dbmig.yaml in the project directory)")
      ->type_name("FILE");
  app.add_option("-d,--directory", options.directory, "project directory (default: the current directory)")
      ->type_name("DIR");
  app.add_option("--url", options.url, "database URL; overrides DATABASE_URL and dbmig.yaml")->type_name("URL");
  app.add_flag("-v,--verbose", options.verbosity, "more output; -vv also logs every SQL statement");
  app.add_flag("-q,--quiet", options.quiet, "only errors");
  // Not CLI11's CheckedTransformer, whose help and error text show the enum's numbers
  // ("value in {text->0,json->1}"): the type name says the choices, the error names them.
  app.add_option("--format", options.format, "output format for commands that report")
      ->transform(CLI::Validator(
          [](std::string& value) -> std::string {
            if (value == "text" || value == "json") {
              value = std::to_string(static_cast<int>(value == "text" ? OutputFormat::text : OutputFormat::json));
              return {};
            }
            return "'" + value + "' is not an output format: use text or json";
          },
          ""))
      ->type_name("text|json");
  app.add_flag("--no-color", options.no_color, "no colors (also NO_COLOR=1); colors only ever go to a terminal");
}

// Logs go to the error stream: warnings by default, more with -v, only errors with -q.
void set_up_logging(std::ostream& err, const GlobalOptions& options) {
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(err, /*force_flush=*/true);
  auto logger = std::make_shared<spdlog::logger>("dbmig", sink);
  logger->set_pattern("%l: %v");
  if (options.quiet)
    logger->set_level(spdlog::level::err);
  else if (options.verbosity >= 2)
    logger->set_level(spdlog::level::debug);
  else if (options.verbosity == 1)
    logger->set_level(spdlog::level::info);
  else
    logger->set_level(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

constexpr const char* footer = R"(Exit codes: 0 success, 1 check found a difference or a validation failed,
2 bad usage, configuration, model or revision file, 3 database error.
Environment: DATABASE_URL, NO_COLOR, DBMIG_NO_CACHE=1 (no revision header cache; it lives in
$XDG_CACHE_HOME/dbmig or ~/.cache/dbmig and is safe to delete).
Documentation: docs/ in the source tree; start with docs/getting-started.md.)";

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Context context(out, err);
  CLI::App app{"dbmig: schema migrations for SQLite, PostgreSQL and MySQL/MariaDB from YAML models", "dbmig"};
  app.formatter(make_help_formatter());  // before the subcommands, which copy it
  app.set_version_flag("--version", std::string("dbmig ") + DBMIG_VERSION,
                       "show dbmig's version, the commit it was built from and its client libraries' versions");
  app.footer(footer);
  app.require_subcommand(1);
  app.fallthrough();
  add_global_options(app, context.options);

  add_init_command(app, context);
  add_migrate_command(app, context);
  add_revision_command(app, context);
  add_upgrade_commands(app, context);
  add_current_command(app, context);
  add_history_commands(app, context);
  add_branches_command(app, context);
  add_show_command(app, context);
  add_merge_command(app, context);
  add_stamp_command(app, context);
  add_check_command(app, context);
  add_inspect_command(app, context);
  add_lint_command(app, context);
  add_verify_command(app, context);
  add_version_command(app, context);
  add_internal_commands(app, context);

  // Logging is set up once the global options are known, before any command runs.
  app.parse_complete_callback([&] { set_up_logging(err, context.options); });

  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const auto& arg : args) argv.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << version_text();
    return 0;
  } catch (const CLI::ParseError& e) {
    const auto text = describe_parse_error(app, e);
    err << "error: " << text.message << "\n  hint: " << text.hint << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& e) {
    err << "error: " << config::mask_password(e.describe()) << "\n";
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    // Anything else is a bug in dbmig; still one line, never a crash.
    err << "error: internal error: " << config::mask_password(e.what()) << "\n";
    return static_cast<int>(ExitCode::usage);
  }
  return context.exit_code;
}

}  // namespace dbmig::cli
