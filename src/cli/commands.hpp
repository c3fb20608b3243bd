#pragma once
// One function per command (each in its own cmd_*.cpp) adding its subcommand to the app.
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace dbmig::cli {

void add_init_command(CLI::App& app, Context& context);
void add_revision_command(CLI::App& app, Context& context);
void add_migrate_command(CLI::App& app, Context& context);
void add_upgrade_commands(CLI::App& app, Context& context);  // upgrade and downgrade
void add_current_command(CLI::App& app, Context& context);
void add_history_commands(CLI::App& app, Context& context);  // history and heads
void add_branches_command(CLI::App& app, Context& context);
void add_show_command(CLI::App& app, Context& context);
void add_merge_command(CLI::App& app, Context& context);
void add_stamp_command(CLI::App& app, Context& context);
void add_check_command(CLI::App& app, Context& context);
void add_inspect_command(CLI::App& app, Context& context);
void add_lint_command(CLI::App& app, Context& context);
void add_verify_command(CLI::App& app, Context& context);
void add_version_command(CLI::App& app, Context& context);
// Hidden: __man, __completion SHELL, __complete revisions (cmd_internal.cpp).
void add_internal_commands(CLI::App& app, Context& context);

}  // namespace dbmig::cli
