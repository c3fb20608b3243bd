#include "dialect/sqlite/sqlite_dialect.hpp"

#include <filesystem>
#include <system_error>

#include "dialect/renderer_backed_dialect.hpp"
#include "dialect/sqlite/rebuild_groups.hpp"
#include "dialect/sqlite/revision_frame.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_introspect.hpp"
#include "dialect/sqlite/sqlite_normalize.hpp"
#include "dialect/sqlite/sqlite_renderer.hpp"

namespace dbmig::dialect::sqlite {
namespace {

// Wires the SQLite parts to the Dialect seam; each job lives in its own file.
// SQLite has no users: the history names the operating-system user who ran dbmig.
class SqliteDialect final : public RendererBackedDialect<SqliteRenderer> {
 public:
  SqliteDialect() : RendererBackedDialect(SqlRenderer::AppliedBy::os_user) {}

  std::string_view name() const override { return "sqlite"; }
  bool names_fold_case() const override { return true; }

  std::unique_ptr<Connection> connect(const config::DatabaseUrl& url) const override {
    const SqliteLocation location = sqlite_location(url);
    return std::make_unique<SqliteConnection>(location.path, location.mode);
  }

  bool database_exists(const config::DatabaseUrl& url) const override {
    const SqliteLocation location = sqlite_location(url);
    if (location.path == ":memory:") return true;
    std::error_code error;
    return std::filesystem::exists(location.path, error);
  }

  schema::Schema introspect(Connection& connection, const std::vector<std::string>& ignore) const override {
    return introspect_database(connection, ignore);
  }

  void normalize(schema::Schema& schema) const override { normalize_schema(schema); }

  RevisionFrame revision_frame(const std::vector<ops::Op>& steps) const override { return rebuild_frame(steps); }

  // One rebuild per table per revision.
  std::vector<std::vector<std::size_t>> step_groups(const std::vector<ops::Op>& steps) const override {
    return group_rebuild_steps(steps);
  }
  std::vector<Statement> render_group(const std::vector<const ops::Op*>& steps,
                                      const RenderContext& context) const override {
    return steps.size() == 1 ? render(*steps.front(), context) : renderer().render_rebuild(steps, context);
  }

  // A lookup by name in the main database, where a WHERE on sqlite_schema would scan every table
  // and index: the version table is read at every revision, so that scan made an upgrade through a
  // growing schema quadratic. (A view of that name would count too, where it would make any run
  // fail anyway.)
  Statement version_table_exists(std::string_view table) const override {
    return Statement{"SELECT 1 FROM pragma_table_info(?, 'main') LIMIT 1", {std::string(table)}};
  }

  // Each revision's BEGIN IMMEDIATE takes the database's write lock; a second run waits for it
  // up to the busy timeout (Connection::set_lock_wait) and re-reads the version table once it has it.
  RunLock run_lock(std::string_view /*version_table*/) const override {
    return RunLock{"the SQLite write lock (BEGIN IMMEDIATE)", std::nullopt, std::nullopt, {}};
  }
};

}  // namespace

std::unique_ptr<Dialect> make_sqlite_dialect() { return std::make_unique<SqliteDialect>(); }

}  // namespace dbmig::dialect::sqlite
