#include "dialect/mysql/mysql_session.hpp"

#include <algorithm>
#include <string>

#include "config/config.hpp"

namespace dbmig::dialect::mysql {
namespace {

// The largest value lock_wait_timeout takes (a year): what "no limit" becomes.
constexpr long long kLongestWaitSeconds = 31'536'000;

// The lock's name, computed by the server from the version table given as parameter 1.
constexpr const char* kLockName = "CONCAT('dbmig:', SHA1(CONCAT(DATABASE(), '.', ?)))";

std::optional<LockHolder> describe_holder(Connection& connection, const std::string& version_table) {
  const auto rows = connection.query(Statement{
      std::string("SELECT p.ID, p.USER, p.HOST, p.TIME, p.COMMAND, p.INFO FROM information_schema.PROCESSLIST p "
                  "WHERE p.ID = IS_USED_LOCK(") +
          kLockName + ")",
      {version_table}});
  if (rows.empty() || !rows.front().at(0)) return std::nullopt;
  const auto text = [&](std::size_t column) { return rows.front().at(column).value_or(""); };
  std::string description = "connection " + text(0) + " (user '" + text(1) + "', from " + text(2) + "), " +
                            text(4) + " for " + text(3) + " s";
  if (!text(5).empty()) description += ": " + text(5).substr(0, 200);
  return LockHolder{description, "KILL " + text(0)};
}

std::string whole_seconds(const std::string& setting) {
  const long long milliseconds = config::timeout_setting_milliseconds(setting).value_or(0);
  if (milliseconds == 0) return std::to_string(kLongestWaitSeconds);
  return std::to_string(std::min(kLongestWaitSeconds, std::max(1LL, (milliseconds + 999) / 1000)));
}

}  // namespace

RunLock named_run_lock(std::string_view version_table) {
  const std::string table(version_table);
  return RunLock{"the MySQL named lock for version table " + table + " (GET_LOCK)",
                 Statement{std::string("SELECT GET_LOCK(") + kLockName + ", 0)", {table}},
                 Statement{std::string("SELECT RELEASE_LOCK(") + kLockName + ")", {table}},
                 [table](Connection& connection) { return describe_holder(connection, table); }};
}

std::vector<Statement> session_limit_statements(const SessionLimits& limits) {
  // SET takes no bound parameters; the values are numbers made here from checked settings.
  std::vector<Statement> statements;
  if (limits.lock_timeout) {
    const std::string seconds = whole_seconds(*limits.lock_timeout);
    statements.push_back({"SET SESSION lock_wait_timeout = " + seconds, {}});
    statements.push_back({"SET SESSION innodb_lock_wait_timeout = " + seconds, {}});
  }
  if (limits.statement_timeout) {
    const long long milliseconds = config::timeout_setting_milliseconds(*limits.statement_timeout).value_or(0);
    statements.push_back({"SET SESSION max_statement_time = " + std::to_string(milliseconds / 1000) + "." +
                              std::to_string(1000 + milliseconds % 1000).substr(1),
                          {}});
  }
  return statements;
}

}  // namespace dbmig::dialect::mysql
