#pragma once
// The seam between the dialect-neutral core and a database. One implementation per folder
// (sqlite/, postgres/, mysql/); adding a dialect means one folder plus a line in registry.cpp.
#include <algorithm>
#include <any>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/database_url.hpp"
#include "dialect/connection.hpp"
#include "ops/op.hpp"
#include "schema/schema.hpp"

namespace dbmig::dialect {

// The schema just before an op, as a renderer gets it: known up front (offline replay, tests), or
// read when a renderer first asks for it. Reading it on a database is an introspection (after a
// raw SQL step, every table's catalog rows and CREATE statement again), and most ops render
// without it, so only a renderer that needs it asks: SQLite's rebuild (and its question whether a
// drop_column needs one), PostgreSQL's enum types of a dropped or renamed table or column.
class SchemaBefore {
 public:
  using Read = std::function<const schema::Schema*()>;

  // `known` (nullptr: unknown). Implicit, so that a RenderContext can be given a schema pointer.
  SchemaBefore(const schema::Schema* known = nullptr) : known_(known) {}  // NOLINT(google-explicit-constructor)
  // Calls `read` on the first get() only; nullptr from it means unknown.
  static SchemaBefore read_on_demand(Read read);

  const schema::Schema* get() const;

 private:
  mutable const schema::Schema* known_ = nullptr;
  mutable Read read_;  // emptied once called: known_ then holds its answer
};

// What a revision needs around its transaction, when it runs in one of its own
// (Dialect::revision_frame). SQLite can turn foreign-key enforcement off only outside a
// transaction (PRAGMA foreign_keys is a no-op inside one), which its table rebuild needs to
// re-create a referenced table alone; the revision's foreign keys are then checked before its
// COMMIT instead of statement by statement.
struct RevisionFrame {
  std::vector<Statement> before_begin;   // outside any transaction, before the revision's BEGIN
  std::vector<Statement> before_commit;  // last in the transaction: checks (fail_if_rows) roll it back
  std::vector<Statement> after_end;      // after its COMMIT or ROLLBACK, outside any transaction
  // What the frame does to the session, in the dialect's own terms, for its renderer to read back
  // through RenderContext::frame (SQLite: foreign keys are off). Opaque to everything else.
  std::any session_state;
  bool empty() const { return before_begin.empty() && before_commit.empty() && after_end.empty(); }
};

struct RenderContext {
  // The schema just before the op, when known (from introspection plus the ops applied since, or
  // replayed offline). Dialects that must restate a whole table (SQLite rebuild) read it here.
  SchemaBefore before;
  // The frame the op's revision runs in: what Dialect::revision_frame returned for it; nullptr
  // when the revision runs without one (--single-transaction, transactional: false, --sql of a
  // run sharing one transaction).
  const RevisionFrame* frame = nullptr;
  // Write the forms that keep a live table usable (PostgreSQL: concurrent index builds, NOT VALID
  // then VALIDATE) for tables that existed before the revision; false: plain DDL (`online: false`,
  // --single-transaction, and SQLite, which has no such forms).
  bool online = false;
  // The tables the revision created before this op: empty, so plain DDL is right for them.
  const std::vector<ops::TableName>* new_tables = nullptr;

  bool is_new_table(const ops::TableName& table) const {
    return new_tables && std::find(new_tables->begin(), new_tables->end(), table) != new_tables->end();
  }
};

// One row of the history table: a revision applied, reverted or stamped (PRODUCT.md section 5).
struct HistoryEntry {
  std::string revision;
  std::string direction;                    // "upgrade", "downgrade" or "stamp"
  std::string checksum;                     // of the revision file (revision::checksum_of)
  std::optional<std::int64_t> duration_ms;  // nullopt for a stamp
  std::string os_user;                      // who ran dbmig, for databases without users of their own
};

// The one row of the progress table: a revision carried out in several transactions that has not
// finished (runtime/progress_store.hpp).
struct ProgressRow {
  std::string revision;
  std::string direction;  // upgrade or downgrade
  std::string checksum;   // of the SQL of the statements done: what a resumed run must find first
  std::size_t done = 0;   // statements of the revision (in the order they run) done and committed
  bool started = false;   // the statement after those was begun outside a transaction
};

// Who holds a run lock that could not be taken, as its message says it.
struct LockHolder {
  std::string description;  // "pid 4242 (application_name 'dbmig', user 'bob'), running for 5 min: ..."
  std::string how_to_end;   // how to end a holder left over from a killed run, for the hint; may be empty
};

// How a migration run keeps other runs out (PRODUCT.md section 5).
struct RunLock {
  std::string description;  // names the lock in messages
  // Taken before the version table is read and held for the whole run: a query returning one row
  // whose first value is true when the lock was taken. nullopt where each revision's write
  // transaction is the lock (SQLite), and the connection's lock wait bounds the waiting.
  std::optional<Statement> try_acquire;
  std::optional<Statement> release;
  // Who holds the lock now, asked on the waiting connection once the wait is over (nullopt: no
  // one any more, or the database cannot say). A dbmig killed mid-run can leave its server
  // session running, lock held: the message then points at that session. Empty where unknown.
  std::function<std::optional<LockHolder>(Connection&)> describe_holder;
};

// Limits a migration session sets on itself so that it cannot block other traffic for long
// (PostgreSQL's lock_timeout and statement_timeout). Values are checked by
// config::is_timeout_setting: a number with an optional unit (ms, s, min, h, d).
struct SessionLimits {
  std::optional<std::string> lock_timeout;
  std::optional<std::string> statement_timeout;
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  // "sqlite", "postgresql" or "mysql": the key of per-dialect raw SQL in revision files.
  virtual std::string_view name() const = 0;

  virtual std::unique_ptr<Connection> connect(const config::DatabaseUrl& url) const = 0;

  // True when the database does not tell names apart by (ASCII) case, even quoted (SQLite): two
  // tables `Mixed` and `mixed`, or two such columns of a table, are then one name, and models
  // that declare both are refused when loaded rather than failing at upgrade.
  virtual bool names_fold_case() const { return false; }

  // False where DDL commits implicitly (MySQL, MariaDB): a revision then cannot be rolled back as
  // a whole, so the migrator commits each statement apart and records the revision's progress as
  // it goes (runtime/progress_store.hpp), whatever its `transactional:` says, and refuses
  // --single-transaction. Such a dialect renders its statements Placement::outside_transaction.
  virtual bool transactional_ddl() const { return true; }

  // False when connecting would have to create the database (a SQLite file not there yet), so that
  // commands that only read (current, history, check) do not create it as a side effect.
  virtual bool database_exists(const config::DatabaseUrl& /*url*/) const { return true; }

  // Read every user table of the connection's default schema (and of `extra_schemas`) in a fixed
  // number of bulk catalog queries. Tables named in `ignore` (the version tables) are left out.
  virtual schema::Schema introspect(Connection& connection, const std::vector<std::string>& ignore) const = 0;
  // introspect(), plus the tables of `schemas` (the models' PostgreSQL `schema:` keys), reported
  // with Table::schema set. Dialects with one schema per database read their only one.
  virtual schema::Schema introspect_schemas(Connection& connection, const std::vector<std::string>& ignore,
                                            const std::vector<std::string>& /*schemas*/) const {
    return introspect(connection, ignore);
  }

  // The schema unqualified names resolve to on this connection (PostgreSQL's current_schema());
  // empty for dialects with one schema per database. A model naming it explicitly (`schema:
  // public`) means the same tables as one naming no schema (see Schema::fold_schema).
  virtual std::string default_schema(Connection& /*connection*/) const { return {}; }

  // Bring a schema into the form this dialect can store and report back, so that a model and its
  // own introspection compare equal: fold type spellings, normalise default text, drop what the
  // dialect cannot keep (e.g. comments on SQLite), fill in implied attributes. Applied to both
  // the desired and the live schema before diffing.
  virtual void normalize(schema::Schema& schema) const = 0;

  // The frame a revision with these steps needs around its own transaction; none by default.
  // Not used for a revision without a transaction of its own (transactional: false, or a
  // --single-transaction run), whose ops are then rendered with RenderContext::frame nullptr.
  virtual RevisionFrame revision_frame(const std::vector<ops::Op>& /*steps*/) const { return {}; }

  // The SQL statements carrying out one op (several for a SQLite rebuild). Throws dbmig::Error
  // (usage) for an op this dialect cannot carry out, saying why.
  virtual std::vector<Statement> render(const ops::Op& op, const RenderContext& context) const = 0;

  // A revision's steps (their indexes) in the groups they are carried out in, in the order they
  // run. By default each step alone, in the order written. A group of several steps is rendered
  // by render_group, as one: SQLite rebuilds a table once for all of a revision's steps on it
  // (sqlite/rebuild_groups.hpp).
  virtual std::vector<std::vector<std::size_t>> step_groups(const std::vector<ops::Op>& steps) const;
  // The statements of a group of several steps from step_groups(); `context` is the schema
  // before the first. Only dialects that group steps override it.
  virtual std::vector<Statement> render_group(const std::vector<const ops::Op*>& steps,
                                              const RenderContext& context) const;

  virtual std::string quote_identifier(std::string_view identifier) const = 0;
  virtual std::string quote_literal(std::string_view value) const = 0;

  // A statement with its parameters written in as literals, for --sql output.
  virtual std::string inline_parameters(const Statement& statement) const = 0;

  // The version table: one row per current head (`version_num`).
  virtual std::vector<Statement> create_version_table(std::string_view table) const = 0;
  virtual Statement select_versions(std::string_view table) const = 0;
  virtual Statement insert_version(std::string_view table, std::string_view revision) const = 0;
  virtual Statement delete_version(std::string_view table, std::string_view revision) const = 0;
  virtual Statement version_table_exists(std::string_view table) const = 0;  // one row if it exists

  // The history table (named from the version table, see runtime::history_table_name): one row
  // per applied, reverted or stamped revision. version_table_exists() works for it too.
  virtual std::vector<Statement> create_history_table(std::string_view table) const = 0;
  virtual Statement insert_history(std::string_view table, const HistoryEntry& entry) const = 0;
  // Every row, oldest first: revision, direction, checksum, applied_at, duration_ms, applied_by.
  virtual Statement select_history(std::string_view table) const = 0;
  // What records one revision run inside its transaction: the version table moving from `before`
  // to `after` heads (a DELETE per head gone, an INSERT per head new) and the history row. The
  // migrator sends these for every revision, so a dialect where each statement is a round trip
  // (PostgreSQL) makes them one statement.
  virtual std::vector<Statement> record_revision(std::string_view version_table, std::string_view history_table,
                                                 const std::vector<std::string>& before,
                                                 const std::vector<std::string>& after,
                                                 const HistoryEntry& entry) const = 0;

  // The progress table (named from the version table, see runtime::progress_table_name): at most
  // one row, for a revision carried out in several transactions (online steps) that has not
  // finished: how many of its statements are done, and whether the next one was started.
  virtual std::vector<Statement> create_progress_table(std::string_view table) const = 0;
  // revision, direction, checksum, done, started (0 or 1).
  virtual Statement select_progress(std::string_view table) const = 0;
  virtual std::vector<Statement> write_progress(std::string_view table, const ProgressRow& row) const = 0;
  virtual Statement clear_progress(std::string_view table) const = 0;
  // The row write_progress wrote, moved on (done, started, checksum) in one statement: atomic
  // outside a transaction too, where write_progress's DELETE and INSERT would not be.
  virtual Statement update_progress(std::string_view table, const ProgressRow& row) const = 0;

  // The lock a migration run holds. By default the write transactions are the lock.
  virtual RunLock run_lock(std::string_view /*version_table*/) const {
    return RunLock{"the database's write lock", std::nullopt, std::nullopt, {}};
  }
  // Statements setting `limits` for the session; empty where the database has no such settings.
  virtual std::vector<Statement> session_limits(const SessionLimits& /*limits*/) const { return {}; }
  // True where a change that rewrites an existing table blocks its readers and writers for as
  // long as the rewrite takes, as `dbmig lint`'s table-rewrite rule describes (PostgreSQL's ACCESS
  // EXCLUSIVE): `migrate` then warns of such a change, with the table's estimated_rows.
  virtual bool warns_of_table_rewrites() const { return false; }
  // The planner's estimate of the rows in `table` (no scan); nullopt when unknown (never analysed).
  virtual std::optional<long long> estimated_rows(Connection& /*connection*/, const ops::TableName& /*table*/) const {
    return std::nullopt;
  }
  // The other sessions holding a lock on `table` now, for the message of a statement that gave up
  // waiting for its lock; empty where the database cannot say.
  virtual std::vector<LockHolder> table_lock_holders(Connection& /*connection*/, const ops::TableName& /*table*/) const {
    return {};
  }
};

}  // namespace dbmig::dialect
