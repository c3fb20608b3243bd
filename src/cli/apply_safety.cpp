#include "cli/apply_safety.hpp"

#include <cmath>
#include <cstdlib>
#include <ostream>

#include "config/config.hpp"
#include "runtime/apply_session.hpp"

namespace dbmig::cli {

void add_lock_timeout_option(CLI::App& command, double& seconds) {
  // Not CLI::NonNegativeNumber, whose message prints the largest double in full (300 digits).
  // The wait becomes a number of milliseconds in an int (SQLite's busy timeout), hence the bound.
  const CLI::Validator wait(
      [](const std::string& text) {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        const bool number = !text.empty() && end == text.c_str() + text.size() && std::isfinite(value);
        if (number && value >= 0 && value <= max_lock_timeout_seconds) return std::string();
        return "'" + text + "' is not a number of seconds from 0 to " +
               std::to_string(static_cast<long>(max_lock_timeout_seconds)) + " (about 24 days)";
      },
      "SECONDS");
  command
      .add_option("--lock-timeout", seconds,
                  "seconds to wait for another dbmig run's lock before failing (0: fail at once)")
      ->check(wait)
      ->capture_default_str();
}

std::chrono::milliseconds lock_wait(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000.0)));
}

void add_session_limit_options(CLI::App& command, SessionLimitArguments& arguments) {
  const CLI::Validator timeout(
      [](const std::string& text) {
        const auto problem = config::timeout_setting_problem(text);
        return problem ? *problem + ": write 500ms, 5s, 2min or 1h" : std::string();
      },
      "TIMEOUT");
  command
      .add_option("--lock-timeout-sql", arguments.lock_timeout_sql,
                  "PostgreSQL: SET lock_timeout for the session (default 5s; 0: no limit): a statement waiting "
                  "longer for a table lock gives up instead of queueing the application's queries behind it, and "
                  "its revision is tried again (MariaDB: lock_wait_timeout, in whole seconds)")
      ->check(timeout);
  command
      .add_option("--lock-retries", arguments.lock_retries,
                  "times a revision whose statement gave up waiting for a lock is tried again, with a growing pause, "
                  "before the run fails (default 5, or lock_retries in dbmig.yaml)")
      ->check(CLI::Range(0, config::max_lock_retries));
  command
      .add_option("--statement-timeout", arguments.statement_timeout,
                  "PostgreSQL: SET statement_timeout for the session (e.g. 10min; MariaDB: max_statement_time)")
      ->check(timeout);
}

std::vector<dialect::Statement> session_statements(Context& context, const SessionLimitArguments& arguments) {
  dialect::SessionLimits limits;
  limits.lock_timeout = arguments.lock_timeout_sql ? arguments.lock_timeout_sql : context.config().lock_timeout;
  limits.statement_timeout = arguments.statement_timeout ? arguments.statement_timeout : context.config().statement_timeout;
  auto statements = context.dialect().session_limits(limits);
  // The config keys may serve several databases (SQLite in tests, PostgreSQL in production), so
  // only flags given for a database that ignores them are worth a word.
  if (statements.empty() && (arguments.lock_timeout_sql || arguments.statement_timeout) && !context.options.quiet)
    context.err << "warning: --lock-timeout-sql and --statement-timeout have no effect on "
                << context.dialect().name() << "\n";
  return statements;
}

int lock_retries(Context& context, const SessionLimitArguments& arguments) {
  return arguments.lock_retries ? *arguments.lock_retries : context.config().lock_retries;
}

std::vector<runtime::ChangedRevision> find_changed(Context& context, const std::vector<std::string>& current) {
  if (current.empty() || !context.database_exists()) return {};
  return runtime::changed_since_applied(context.apply_target(), current);
}

util::Json changed_json(const std::vector<runtime::ChangedRevision>& changed) {
  util::Json::Array items;
  for (const auto& each : changed)
    items.push_back(util::Json::Object{{"revision", each.revision->id},
                                       {"file", each.revision->path.string()},
                                       {"recorded_checksum", each.recorded},
                                       {"current_checksum", each.current}});
  return items;
}

std::string changed_lines(const std::vector<runtime::ChangedRevision>& changed) {
  std::string lines;
  for (const auto& each : changed) lines += "  " + each.revision->id + "  " + each.revision->path.string() + "\n";
  return lines;
}

std::string restamp_command(const std::vector<std::string>& current) {
  std::string command = "dbmig stamp";
  for (const auto& id : current) command += " " + id;
  return command;
}

}  // namespace dbmig::cli
