#include "dialect/postgres/postgres_session.hpp"

#include <string>

#include "dialect/postgres/lock_holder.hpp"
#include "dialect/sql_renderer.hpp"

namespace dbmig::dialect::postgres {

std::int64_t advisory_lock_key(std::string_view version_table) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64-bit offset basis
  for (const char c : std::string("dbmig:") + std::string(version_table)) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;  // FNV prime
  }
  return static_cast<std::int64_t>(hash);
}

RunLock advisory_run_lock(std::string_view version_table) {
  const std::int64_t key_value = advisory_lock_key(version_table);
  const std::string key = std::to_string(key_value);
  return RunLock{"the PostgreSQL advisory lock " + key + " (for version table " + std::string(version_table) + ")",
                 Statement{"SELECT pg_try_advisory_lock($1)", {key}},
                 Statement{"SELECT pg_advisory_unlock($1)", {key}},
                 [key_value](Connection& connection) { return describe_advisory_lock_holder(connection, key_value); }};
}

std::vector<Statement> session_limit_statements(const SessionLimits& limits) {
  // SET takes no bound parameters; the values are checked (a number and a unit) and quoted.
  std::vector<Statement> statements;
  if (limits.lock_timeout) statements.push_back({"SET lock_timeout = " + quote_sql_string(*limits.lock_timeout), {}});
  if (limits.statement_timeout)
    statements.push_back({"SET statement_timeout = " + quote_sql_string(*limits.statement_timeout), {}});
  return statements;
}

}  // namespace dbmig::dialect::postgres
