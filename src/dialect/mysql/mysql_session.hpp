#pragma once
// What a MySQL/MariaDB migration session sets up around its work: the named lock (GET_LOCK) that
// keeps a second dbmig out for the whole run, and the lock waits and statement time it runs under.
#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.hpp"

namespace dbmig::dialect::mysql {

// GET_LOCK(name, 0) / RELEASE_LOCK(name), both held by the session: across the run's transactions,
// released at the end or when the connection closes. GET_LOCK names are server-wide, so the name is
// "dbmig:" and the SHA-1 of "<database>.<version table>" (a name may be 64 characters at most).
// Who holds it is read from the process list.
RunLock named_run_lock(std::string_view version_table);

// lock_timeout sets lock_wait_timeout (metadata locks: what an ALTER waits for) and
// innodb_lock_wait_timeout (row locks), in whole seconds, at least 1; statement_timeout sets
// MariaDB's max_statement_time. 0 means no limit, as on PostgreSQL.
std::vector<Statement> session_limit_statements(const SessionLimits& limits);

}  // namespace dbmig::dialect::mysql
