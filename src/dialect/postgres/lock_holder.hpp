#pragma once
// Who holds a lock dbmig waits for, for the message when it gives up: dbmig's advisory lock (a
// run that could not take it), or a lock on a table (a statement whose lock_timeout expired).
// From pg_locks (granted) joined with pg_stat_activity (the session's pid, application_name,
// user, state and statement).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dialect/connection.hpp"
#include "dialect/dialect.hpp"

namespace dbmig::dialect::postgres {

// The session holding the session-level advisory lock `key` in the current database, described;
// nullopt when no session holds it (released meanwhile). Throws dbmig::Error when the query fails.
std::optional<LockHolder> describe_advisory_lock_holder(Connection& connection, std::int64_t key);

// The sessions (at most 3) other than this one holding a lock on `table` (a quoted, possibly
// qualified name), each with its lock mode: "pid 42 (...) holds AccessShareLock, idle in
// transaction for 2 min; its last statement: ...". Empty when none holds one (released meanwhile).
std::vector<LockHolder> describe_table_lock_holders(Connection& connection, const std::string& table);

}  // namespace dbmig::dialect::postgres
