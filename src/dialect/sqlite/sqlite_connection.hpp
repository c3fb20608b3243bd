#pragma once
// A connection to one SQLite database file (or ":memory:"), owning its sqlite3 handle.
#include <chrono>
#include <memory>
#include <string>

#include "dialect/connection.hpp"
#include "dialect/sqlite/sqlite_url.hpp"

struct sqlite3;  // from sqlite3.h, which only the .cpp includes

namespace dbmig::dialect::sqlite {

// The version of the SQLite library in use (linked, so always there): "3.40.1". For `dbmig --version`.
std::string sqlite_library_version();

class SqliteConnection final : public Connection {
 public:
  // How long a statement waits for another connection's lock before failing with "database is
  // locked": long enough for a concurrent migration's short transaction, bounded so that a stuck
  // one is reported rather than waited for forever.
  static constexpr std::chrono::milliseconds default_busy_timeout{5000};

  // Opens the file at `path`, relative paths as given, as `mode` says (by default creating it
  // when missing), and turns on foreign key enforcement. Throws dbmig::Error (database) when the
  // file cannot be opened or is not a SQLite database.
  explicit SqliteConnection(const std::string& path,
                            SqliteOpenMode mode = SqliteOpenMode::read_write_create);

  // Runs one statement, or, when it has no parameters, a script of several (a raw `sql:` step).
  void execute(const Statement& statement) override;
  std::vector<Row> query(const Statement& statement) override;

  // BEGIN IMMEDIATE: takes the write lock at once, so a second migrator waits (busy timeout) at
  // the start of its transaction instead of failing half-way through it.
  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override;

  std::size_t statement_count() const override { return statement_count_; }

  void set_busy_timeout(std::chrono::milliseconds timeout);
  void set_lock_wait(std::chrono::milliseconds timeout) override { set_busy_timeout(timeout); }

 private:
  struct Closer {
    void operator()(sqlite3* database) const;
  };
  // Throws dbmig::Error (database) when the file opened is not a SQLite database.
  void check_is_database(const std::string& path);
  // Prepares and steps each statement of `statement.sql` in turn; `on_row` receives each result
  // row of each statement.
  template <class RowHandler>
  void run(const Statement& statement, RowHandler&& on_row);

  std::unique_ptr<sqlite3, Closer> database_;
  SqliteOpenMode mode_;
  std::size_t statement_count_ = 0;
  std::chrono::milliseconds busy_timeout_ = default_busy_timeout;
};

}  // namespace dbmig::dialect::sqlite
