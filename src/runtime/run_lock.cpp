#include "runtime/run_lock.hpp"

#include <thread>

#include <spdlog/spdlog.h>

#include "util/error.hpp"

namespace dbmig::runtime {

namespace {

bool is_true(const std::vector<dialect::Row>& rows) {
  if (rows.empty() || rows.front().empty() || !rows.front().front()) return false;
  const std::string& value = *rows.front().front();
  return value == "t" || value == "true" || value == "1";
}

}  // namespace

std::string describe_wait(std::chrono::milliseconds timeout) {
  if (timeout.count() % 1000 == 0) return std::to_string(timeout.count() / 1000) + " s";
  return std::to_string(timeout.count()) + " ms";
}

void begin_transaction(StatementSink& sink, const std::string& lock_description) {
  try {
    sink.begin();
  } catch (const Error& error) {
    throw database_error("could not take " + lock_description + ": " + error.message(),
                         "another dbmig run (or another writer) holds it; wait for it to finish and try again, or wait "
                         "longer with --lock-timeout SECONDS");
  }
}

HeldRunLock::HeldRunLock(const dialect::Dialect& dialect, dialect::Connection& connection,
                         std::string_view version_table, std::chrono::milliseconds timeout)
    : connection_(connection), lock_(dialect.run_lock(version_table)) {
  connection.set_lock_wait(timeout);
  if (!lock_.try_acquire) return;

  // Polling rather than a blocking lock call: the wait stays bounded by our own clock whatever
  // the session's lock_timeout is, and 0 means one try.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  constexpr auto poll_interval = std::chrono::milliseconds(100);
  while (!is_true(connection.query(*lock_.try_acquire))) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) throw lock_not_taken(connection, timeout);
    spdlog::info("waiting for {}", lock_.description);
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(poll_interval, deadline - now));
  }
  held_ = true;
  spdlog::debug("took {}", lock_.description);
}

Error HeldRunLock::lock_not_taken(dialect::Connection& connection, std::chrono::milliseconds timeout) const {
  const std::string failed = "could not take " + lock_.description + " within " + describe_wait(timeout);
  std::string hint = "wait for the other run to finish and try again, or wait longer with --lock-timeout SECONDS";
  std::optional<dialect::LockHolder> holder;
  if (lock_.describe_holder) {
    try {
      holder = lock_.describe_holder(connection);
    } catch (const Error& error) {
      // Only a better message was at stake: the lock's own error is the one to report.
      spdlog::debug("could not tell who holds {}: {}", lock_.description, error.message());
    }
  }
  if (!holder) return database_error(failed + ": another dbmig run holds it", hint);
  if (!holder->how_to_end.empty())
    hint += "; if that session is left over from a dbmig run that was killed, end it with " + holder->how_to_end;
  return database_error(failed + ": it is held by " + holder->description, hint);
}

HeldRunLock::~HeldRunLock() {
  if (!held_ || !lock_.release) return;
  try {
    connection_.query(*lock_.release);
  } catch (...) {
    // The lock is a session lock: closing the connection releases it anyway.
  }
}

}  // namespace dbmig::runtime
