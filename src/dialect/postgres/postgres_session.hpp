#pragma once
// What a PostgreSQL migration session sets up around its work: the advisory lock that keeps a
// second dbmig out for the whole run, and the lock_timeout / statement_timeout it runs under.
#include <cstdint>
#include <string_view>
#include <vector>

#include "dialect/dialect.hpp"

namespace dbmig::dialect::postgres {

// The advisory lock key of a version table: the first 8 bytes of FNV-1a over
// "dbmig:<version_table>", so every dbmig using the same version table in a database takes the
// same lock, and projects with different version tables do not block each other.
std::int64_t advisory_lock_key(std::string_view version_table);

// pg_try_advisory_lock / pg_advisory_unlock on that key (session level: held across the run's
// transactions, released at the end or when the connection closes).
RunLock advisory_run_lock(std::string_view version_table);

// SET lock_timeout / SET statement_timeout for the session.
std::vector<Statement> session_limit_statements(const SessionLimits& limits);

}  // namespace dbmig::dialect::postgres
