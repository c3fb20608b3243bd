#pragma once
// What upgrade, downgrade and stamp share to change a database safely: how long to wait for
// another run's lock, the PostgreSQL session limits, and reporting revision files edited after
// they were applied.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "dialect/dialect.hpp"
#include "runtime/changed_revisions.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

// A few seconds: enough for another run's short transaction, bounded so that a stuck run is
// reported rather than waited for.
constexpr double default_lock_timeout_seconds = 10;

// The longest --lock-timeout: INT_MAX milliseconds, in whole seconds (about 24 days).
constexpr double max_lock_timeout_seconds = 2'147'483;
// --lock-timeout SECONDS (decimals allowed; 0: fail at once when another run holds the lock).
void add_lock_timeout_option(CLI::App& command, double& seconds);
std::chrono::milliseconds lock_wait(double seconds);

struct SessionLimitArguments {
  std::optional<std::string> lock_timeout_sql;   // --lock-timeout-sql
  std::optional<std::string> statement_timeout;  // --statement-timeout
  std::optional<int> lock_retries;               // --lock-retries
};
// --lock-timeout-sql, --statement-timeout and --lock-retries.
void add_session_limit_options(CLI::App& command, SessionLimitArguments& arguments);
// The flags, else the config keys lock_timeout / statement_timeout, as the dialect's session
// statements; warns when flags were given to a database that has no such settings.
std::vector<dialect::Statement> session_statements(Context& context, const SessionLimitArguments& arguments);
// --lock-retries, else the config key lock_retries.
int lock_retries(Context& context, const SessionLimitArguments& arguments);

// The revisions a database at `current` applied whose files changed since (none when the
// database has no history table yet).
std::vector<runtime::ChangedRevision> find_changed(Context& context, const std::vector<std::string>& current);
// [{"revision", "file", "recorded_checksum", "current_checksum"}]
util::Json changed_json(const std::vector<runtime::ChangedRevision>& changed);
// One "  <id>  <file>" line per revision.
std::string changed_lines(const std::vector<runtime::ChangedRevision>& changed);
// The command that accepts the files as they are now: `dbmig stamp <the current heads>`.
std::string restamp_command(const std::vector<std::string>& current);

}  // namespace dbmig::cli
