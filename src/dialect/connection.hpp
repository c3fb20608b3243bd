#pragma once
// A live database connection. Implementations wrap sqlite3 / libpq handles (RAII) and live in
// their dialect's folder; nothing outside dialect/ sees those C APIs.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace dbmig::dialect {

// A query with its bound parameters, asked before a statement runs (Statement::Resume).
struct Query {
  std::string sql;
  std::vector<std::optional<std::string>> params;
};

// Where a statement runs relative to its revision's transaction. PostgreSQL cannot build or drop
// an index CONCURRENTLY inside a transaction block, and a VALIDATE CONSTRAINT that shared the
// transaction of its ADD would hold the ADD's lock for the whole scan: each is committed apart.
enum class Placement {
  in_transaction,       // in the revision's transaction (the default)
  own_transaction,      // in a transaction of its own, after what came before it is committed
  outside_transaction,  // with no transaction open
};

// How to carry out again a statement outside any transaction that an earlier run started and may
// have left half done, or done without recording it (killed in between): PostgreSQL leaves the
// INVALID index of an interrupted concurrent build behind, which must go before the build again.
struct Resume {
  std::optional<Query> cleanup_if;  // when this returns a row, `cleanup` runs first
  std::string cleanup;
  std::string sql;  // the statement's form that succeeds when it was done already (IF NOT EXISTS)
};

// One SQL statement with its bound parameters. Placeholders are the dialect's own
// (`?` for SQLite, `$1` for PostgreSQL); statements are built by the dialect that runs them.
struct Statement {
  std::string sql;
  std::vector<std::optional<std::string>> params;  // nullopt binds NULL
  // Set for a check rather than a change: a query whose rows are violations. Running it fails
  // (dbmig::Error, database) when it returns a row, with this text, then the row's values. The
  // SQLite table rebuild checks foreign keys this way: PRAGMA foreign_key_check reports
  // violations as rows instead of failing. --sql prints it like any other statement.
  std::optional<std::string> fail_if_rows = std::nullopt;
  Placement placement = Placement::in_transaction;
  std::optional<Resume> resume = std::nullopt;  // only for Placement::outside_transaction
};

using Row = std::vector<std::optional<std::string>>;  // every value as text; NULL is nullopt

class Connection {
 public:
  virtual ~Connection() = default;

  // Run a statement; throws dbmig::Error (database) naming the SQL on failure.
  virtual void execute(const Statement& statement) = 0;
  // Run a query and return all its rows.
  virtual std::vector<Row> query(const Statement& statement) = 0;

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;  // never throws: used on error paths
  virtual bool in_transaction() const = 0;

  // Number of statements executed or queried so far (benchmarks and tests count catalog queries).
  virtual std::size_t statement_count() const = 0;

  // Wait up to `timeout` for locks other connections hold before failing (SQLite's busy
  // timeout). A no-op where waiting is bounded otherwise (PostgreSQL's lock_timeout, set by the
  // dialect's session limits and run lock).
  virtual void set_lock_wait(std::chrono::milliseconds /*timeout*/) {}
};

}  // namespace dbmig::dialect
