#include "dialect/postgres/lock_holder.hpp"

#include <string>

namespace dbmig::dialect::postgres {

namespace {

// A bigint advisory key shows in pg_locks as its high half in classid and its low half in objid
// (both oid, unsigned), with objsubid 1; the shift and OR put the signed key back together.
// Durations are whole seconds. A session of another user shows "<insufficient privilege>" as its
// query unless we may read it (pg_read_all_stats): still the pid, which is what ending it takes.
// The session columns both queries return first: pid, application_name, user, state, query,
// seconds connected, seconds in this state; then the lock mode (the table query).
constexpr const char* session_columns =
    "SELECT l.pid::text, a.application_name, a.usename, a.state, a.query, "
    "floor(extract(epoch FROM now() - a.backend_start))::bigint::text, "
    "floor(extract(epoch FROM now() - a.state_change))::bigint::text, l.mode "
    "FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid ";

constexpr const char* advisory_condition =
    "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
    "AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) "
    "AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint "
    "AND l.pid <> pg_backend_pid() "
    "ORDER BY l.pid LIMIT 1";

constexpr const char* table_condition =
    "WHERE l.locktype = 'relation' AND l.granted AND l.relation = to_regclass($1) "
    "AND l.pid <> pg_backend_pid() "
    "ORDER BY l.pid LIMIT 3";

// "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h": two units at most.
std::string readable_duration(long long seconds) {
  if (seconds < 60) return std::to_string(seconds) + " s";
  if (seconds < 3600) return std::to_string(seconds / 60) + " min" + (seconds % 60 ? " " + std::to_string(seconds % 60) + " s" : "");
  if (seconds < 86400)
    return std::to_string(seconds / 3600) + " h" + (seconds % 3600 / 60 ? " " + std::to_string(seconds % 3600 / 60) + " min" : "");
  return std::to_string(seconds / 86400) + " d" + (seconds % 86400 / 3600 ? " " + std::to_string(seconds % 86400 / 3600) + " h" : "");
}

// A statement as the message shows it: on one line, cut short.
std::string one_line_statement(std::string_view sql) {
  constexpr std::size_t max_length = 200;
  std::string flat;
  for (const char c : sql) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (flat.empty() || flat.back() == ' ')) continue;
    flat += space ? ' ' : c;
  }
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  if (flat.size() > max_length) flat = flat.substr(0, max_length) + "...";
  return flat;
}

std::string seconds_text(const std::optional<std::string>& value) {
  return value ? readable_duration(std::stoll(*value)) : std::string("?");
}

// pid, who, and what the session is doing; with_mode adds the lock it holds ("holds AccessShareLock"), if any.
LockHolder describe_session(const Row& row, bool with_mode) {
  const auto text = [&](std::size_t column) { return row.at(column).value_or(""); };
  const std::string pid = text(0);
  std::string description = "pid " + pid + " (application_name '" + text(1) + "', user '" + text(2) + "')";
  if (with_mode) description += " holds " + text(7);
  if (row.at(5)) description += ", connected " + seconds_text(row.at(5)) + " ago";
  const std::string state = text(3);
  const std::string query = one_line_statement(text(4));
  if (state == "active") {
    description += ", running for " + seconds_text(row.at(6)) + ": " + query;
  } else if (!state.empty()) {
    description += ", " + state + " for " + seconds_text(row.at(6));
    if (!query.empty()) description += "; its last statement: " + query;
  }
  return LockHolder{description, "SELECT pg_terminate_backend(" + pid + ")"};
}

}  // namespace

std::optional<LockHolder> describe_advisory_lock_holder(Connection& connection, std::int64_t key) {
  const auto rows = connection.query(Statement{std::string(session_columns) + advisory_condition, {std::to_string(key)}});
  if (rows.empty()) return std::nullopt;
  return describe_session(rows.front(), false);
}

std::vector<LockHolder> describe_table_lock_holders(Connection& connection, const std::string& table) {
  std::vector<LockHolder> holders;
  for (const Row& row : connection.query(Statement{std::string(session_columns) + table_condition, {table}}))
    holders.push_back(describe_session(row, true));
  return holders;
}

}  // namespace dbmig::dialect::postgres
