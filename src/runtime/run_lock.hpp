#pragma once
// The lock a migration run holds so that two dbmig never migrate one database at once
// (PRODUCT.md section 5). Where the dialect has a session lock (PostgreSQL's advisory lock) it is
// taken here, trying until the timeout, before the version table is read. Where it has not
// (SQLite), each revision's write transaction is the lock and the timeout becomes the
// connection's lock wait; the migrator then re-reads the version table inside each transaction.
#include <chrono>
#include <string>
#include <string_view>

#include "dialect/connection.hpp"
#include "dialect/dialect.hpp"
#include "runtime/statement_sink.hpp"
#include "util/error.hpp"

namespace dbmig::runtime {

class HeldRunLock {
 public:
  // Throws dbmig::Error (database) naming the lock when another run still holds it after
  // `timeout` (0: fail at once).
  HeldRunLock(const dialect::Dialect& dialect, dialect::Connection& connection, std::string_view version_table,
              std::chrono::milliseconds timeout);
  ~HeldRunLock();  // releases the lock; never throws
  HeldRunLock(const HeldRunLock&) = delete;
  HeldRunLock& operator=(const HeldRunLock&) = delete;

  // Names the lock in messages, e.g. "the PostgreSQL advisory lock 123 (for version table x)".
  const std::string& description() const { return lock_.description; }
  // Whether a session lock is held for the whole run (PostgreSQL): then no other dbmig run can
  // move the version table meanwhile, and the migrator need not read it again.
  bool held_for_run() const { return held_; }

 private:
  // The error of a lock still held after `timeout`, naming the holder where the dialect can.
  Error lock_not_taken(dialect::Connection& connection, std::chrono::milliseconds timeout) const;

  dialect::Connection& connection_;
  dialect::RunLock lock_;
  bool held_ = false;
};

// Begins a transaction. Where BEGIN is what takes the write lock (SQLite's BEGIN IMMEDIATE) and
// cannot within the lock wait, the error says so, naming `lock_description`.
void begin_transaction(StatementSink& sink, const std::string& lock_description);

// "10 s", "500 ms": a wait as a message says it.
std::string describe_wait(std::chrono::milliseconds timeout);

}  // namespace dbmig::runtime
