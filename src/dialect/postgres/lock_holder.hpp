#pragma once
// Who holds dbmig's advisory lock, for the message of a run that could not take it: from
// pg_locks (the advisory lock on the key, granted) joined with pg_stat_activity (the session's
// pid, application_name, user, state and statement).
#include <cstdint>
#include <optional>

#include "dialect/connection.hpp"
#include "dialect/dialect.hpp"

namespace dbmig::dialect::postgres {

// The session holding the session-level advisory lock `key` in the current database, described;
// nullopt when no session holds it (released meanwhile). Throws dbmig::Error when the query fails.
std::optional<LockHolder> describe_advisory_lock_holder(Connection& connection, std::int64_t key);

}  // namespace dbmig::dialect::postgres
