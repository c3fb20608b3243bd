#include "dialect/sqlite/sqlite_connection.hpp"

#include <algorithm>

#include <sqlite3.h>

#include <filesystem>

#include "dialect/common/error_text.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::sqlite {

std::string sqlite_library_version() { return sqlite3_libversion(); }
namespace {

struct Finalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using PreparedStatement = std::unique_ptr<sqlite3_stmt, Finalizer>;

Error sql_error(sqlite3* database, int result_code, std::string_view sql, SqliteOpenMode mode) {
  std::string hint;
  if (result_code == SQLITE_BUSY || result_code == SQLITE_LOCKED) {
    hint = "another connection (another dbmig run?) holds the database's write lock; retry once it has finished";
  }
  if ((result_code & 0xff) == SQLITE_READONLY && mode == SqliteOpenMode::read_only)
    hint = "the database URL opens the file read-only (?mode=ro): drop it to change the database";
  return database_error("SQLite error: " + std::string(sqlite3_errmsg(database)) + "; SQL: " + sql_for_message(sql),
                        std::move(hint));
}

// Whether `rest` (the tail after a statement) holds another statement, not just whitespace,
// comments or semicolons.
bool holds_statement(sqlite3* database, const char* rest, const char* end) {
  while (rest < end) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int result = sqlite3_prepare_v2(database, rest, static_cast<int>(end - rest), &raw, &tail);
    PreparedStatement next(raw);
    if (result != SQLITE_OK || next) return true;
    if (tail == rest) return false;
    rest = tail;
  }
  return false;
}

}  // namespace

void SqliteConnection::Closer::operator()(sqlite3* database) const { sqlite3_close_v2(database); }

SqliteConnection::SqliteConnection(const std::string& path, SqliteOpenMode mode) : mode_(mode) {
  const int flags = mode == SqliteOpenMode::read_only    ? SQLITE_OPEN_READONLY
                    : mode == SqliteOpenMode::read_write ? SQLITE_OPEN_READWRITE
                                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const int result = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  database_.reset(raw);  // closed on every path, failure included
  if (result != SQLITE_OK) {
    const std::string reason = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(result);
    std::error_code ignored;
    if (mode != SqliteOpenMode::read_write_create && !std::filesystem::exists(path, ignored))
      throw database_error("cannot open SQLite database \"" + path + "\": it does not exist, and the URL's ?mode=" +
                               (mode == SqliteOpenMode::read_only ? "ro" : "rw") + " does not create it",
                           "check the path, or drop ?mode= to have dbmig create the database");
    throw database_error("cannot open SQLite database \"" + path + "\": " + reason,
                         "check that the directory exists and is writable");
  }
  check_is_database(path);
  set_busy_timeout(default_busy_timeout);
  // SQLite leaves foreign keys unenforced unless asked, per connection.
  execute(Statement{"PRAGMA foreign_keys = ON", {}});
}

void SqliteConnection::check_is_database(const std::string& path) {
  // SQLite opens any file and reads it only at the first statement that needs its contents; a
  // file that is something else then fails there with SQLITE_NOTADB, which BEGIN IMMEDIATE's
  // caller would report as a lock held by another run. Reading the schema version here says
  // what is wrong instead (an empty or new file reads as an empty database). Not counted in
  // statement_count(): it is part of opening. It runs with no busy wait: while another connection
  // holds the exclusive lock (a writer committing, or spilling a large change to the file) it
  // answers SQLITE_BUSY, which proves nothing either way; waiting there, before the run has set
  // its own lock wait, made `--lock-timeout 0` wait seconds for a long write to end.
  sqlite3_busy_timeout(database_.get(), 0);
  const int result = sqlite3_exec(database_.get(), "PRAGMA schema_version", nullptr, nullptr, nullptr);
  if ((result & 0xff) == SQLITE_NOTADB)
    throw database_error("\"" + path + "\" is not a SQLite database",
                         "check database_url: it names a file that is something else (a SQLite database file "
                         "begins with \"SQLite format 3\")");
}

void SqliteConnection::set_busy_timeout(std::chrono::milliseconds timeout) {
  busy_timeout_ = timeout;
  sqlite3_busy_timeout(database_.get(), static_cast<int>(timeout.count()));
}

template <class RowHandler>
void SqliteConnection::run(const Statement& statement, RowHandler&& on_row) {
  sqlite3* database = database_.get();
  const char* next = statement.sql.data();
  const char* const end = next + statement.sql.size();
  while (next < end) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int result = sqlite3_prepare_v2(database, next, static_cast<int>(end - next), &raw, &tail);
    PreparedStatement prepared(raw);
    if (result != SQLITE_OK) throw sql_error(database, result, statement.sql, mode_);
    next = tail;
    if (!prepared) continue;  // only whitespace or a comment was left

    if (!statement.params.empty()) {
      // Parameters belong to one statement; binding them to the first of several would silently
      // run the others unbound.
      if (holds_statement(database, tail, end)) {
        throw database_error("a statement with parameters must be a single statement; SQL: " +
                             sql_for_message(statement.sql));
      }
      const int expected = sqlite3_bind_parameter_count(prepared.get());
      if (expected != static_cast<int>(statement.params.size())) {
        throw database_error("statement expects " + std::to_string(expected) + " parameters but " +
                             std::to_string(statement.params.size()) + " were given; SQL: " +
                             sql_for_message(statement.sql));
      }
      for (std::size_t i = 0; i < statement.params.size(); ++i) {
        const std::optional<std::string>& value = statement.params[i];
        const int position = static_cast<int>(i) + 1;
        // SQLITE_STATIC: the parameters outlive the prepared statement, so SQLite need not copy.
        result = value ? sqlite3_bind_text(prepared.get(), position, value->data(), static_cast<int>(value->size()),
                                           SQLITE_STATIC)
                       : sqlite3_bind_null(prepared.get(), position);
        if (result != SQLITE_OK) throw sql_error(database, result, statement.sql, mode_);
      }
    }

    ++statement_count_;
    while ((result = sqlite3_step(prepared.get())) == SQLITE_ROW) on_row(prepared.get());
    if (result != SQLITE_DONE) throw sql_error(database, result, statement.sql, mode_);
  }
}

void SqliteConnection::execute(const Statement& statement) {
  run(statement, [](sqlite3_stmt*) {});
}

std::vector<Row> SqliteConnection::query(const Statement& statement) {
  std::vector<Row> rows;
  run(statement, [&rows](sqlite3_stmt* prepared) {
    const int columns = sqlite3_column_count(prepared);
    Row row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      if (sqlite3_column_type(prepared, column) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
        continue;
      }
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(prepared, column));
      row.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(prepared, column))));
    }
    rows.push_back(std::move(row));
  });
  return rows;
}

void SqliteConnection::begin() { execute(Statement{"BEGIN IMMEDIATE", {}}); }

// COMMIT must wait until no other connection holds a SHARED lock (a reader in the middle of a
// query), whatever lock wait the run asked for: that wait (--lock-timeout, 0 included) is about
// taking the write lock, which this transaction already holds, and readers hold theirs briefly.
void SqliteConnection::commit() {
  const auto asked = busy_timeout_;
  sqlite3_busy_timeout(database_.get(), static_cast<int>(std::max(asked, default_busy_timeout).count()));
  try {
    execute(Statement{"COMMIT", {}});
  } catch (...) {
    sqlite3_busy_timeout(database_.get(), static_cast<int>(asked.count()));
    throw;
  }
  sqlite3_busy_timeout(database_.get(), static_cast<int>(asked.count()));
}

void SqliteConnection::rollback() {
  if (!in_transaction()) return;  // SQLite may already have rolled back after the error
  try {
    execute(Statement{"ROLLBACK", {}});
  } catch (...) {
    // Called on error paths: the original error is the one worth reporting.
  }
}

// Asks SQLite rather than tracking begin()/commit(): a raw SQL step may BEGIN or COMMIT itself,
// and some errors roll a transaction back on their own.
bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(database_.get()) == 0; }

}  // namespace dbmig::dialect::sqlite
