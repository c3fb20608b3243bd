#include "dialect/sqlite/sqlite_dialect.hpp"

#include <filesystem>
#include <system_error>

#include "dialect/sqlite/revision_frame.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_introspect.hpp"
#include "dialect/sqlite/sqlite_normalize.hpp"
#include "dialect/sqlite/sqlite_renderer.hpp"

namespace dbmig::dialect::sqlite {
namespace {

// Wires the SQLite parts to the Dialect seam; each job lives in its own file.
class SqliteDialect final : public Dialect {
 public:
  std::string_view name() const override { return "sqlite"; }

  std::unique_ptr<Connection> connect(const config::DatabaseUrl& url) const override {
    return std::make_unique<SqliteConnection>(url.sqlite_path);
  }

  bool database_exists(const config::DatabaseUrl& url) const override {
    if (url.sqlite_path == ":memory:") return true;
    std::error_code error;
    return std::filesystem::exists(url.sqlite_path, error);
  }

  schema::Schema introspect(Connection& connection, const std::vector<std::string>& ignore) const override {
    return introspect_database(connection, ignore);
  }

  void normalize(schema::Schema& schema) const override { normalize_schema(schema); }

  RevisionFrame revision_frame(const std::vector<ops::Op>& steps) const override { return rebuild_frame(steps); }

  std::vector<Statement> render(const ops::Op& op, const RenderContext& context) const override {
    return renderer_.render(op, context);
  }

  std::string quote_identifier(std::string_view identifier) const override {
    return renderer_.quote_identifier(identifier);
  }
  std::string quote_literal(std::string_view value) const override { return renderer_.quote_literal(value); }
  std::string inline_parameters(const Statement& statement) const override {
    return renderer_.inline_parameters(statement);
  }

  std::vector<Statement> create_version_table(std::string_view table) const override {
    return renderer_.create_version_table(table);
  }
  Statement select_versions(std::string_view table) const override { return renderer_.select_versions(table); }
  Statement insert_version(std::string_view table, std::string_view revision) const override {
    return renderer_.insert_version(table, revision);
  }
  Statement delete_version(std::string_view table, std::string_view revision) const override {
    return renderer_.delete_version(table, revision);
  }
  Statement version_table_exists(std::string_view table) const override {
    return Statement{"SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", {std::string(table)}};
  }

  std::vector<Statement> create_history_table(std::string_view table) const override {
    return renderer_.create_history_table(table);
  }
  // SQLite has no users: the history names the operating-system user who ran dbmig.
  Statement insert_history(std::string_view table, const HistoryEntry& entry) const override {
    return renderer_.insert_history(table, entry, SqlRenderer::AppliedBy::os_user);
  }
  Statement select_history(std::string_view table) const override { return renderer_.select_history(table); }
  std::vector<Statement> record_revision(std::string_view version_table, std::string_view history_table,
                                         const std::vector<std::string>& before, const std::vector<std::string>& after,
                                         const HistoryEntry& entry) const override {
    return renderer_.record_revision(version_table, history_table, before, after, entry,
                                     SqlRenderer::AppliedBy::os_user);
  }

  // Each revision's BEGIN IMMEDIATE takes the database's write lock; a second run waits for it
  // up to the busy timeout (set_lock_wait) and re-reads the version table once it has it.
  RunLock run_lock(std::string_view /*version_table*/) const override {
    return RunLock{"the SQLite write lock (BEGIN IMMEDIATE)", std::nullopt, std::nullopt};
  }
  void set_lock_wait(Connection& connection, std::chrono::milliseconds timeout) const override {
    if (auto* sqlite = dynamic_cast<SqliteConnection*>(&connection)) sqlite->set_busy_timeout(timeout);
  }

 private:
  SqliteRenderer renderer_;
};

}  // namespace

std::unique_ptr<Dialect> make_sqlite_dialect() { return std::make_unique<SqliteDialect>(); }

}  // namespace dbmig::dialect::sqlite
