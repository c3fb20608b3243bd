#pragma once
// --help as CLI11 writes it, plus, in a command's help, the global options that command takes too
// (`dbmig upgrade --help` shows --url, -c, -d, --format, -v, -q and --no-color).
#include <memory>

#include <CLI/CLI.hpp>

namespace dbmig::cli {

// Set on the root app before any subcommand is added: subcommands copy their parent's formatter.
std::shared_ptr<CLI::Formatter> make_help_formatter();

// The options of the root app a command's help lists: all but --help and --version.
std::vector<const CLI::Option*> global_options(const CLI::App& root);

}  // namespace dbmig::cli
