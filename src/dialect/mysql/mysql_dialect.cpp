#include "dialect/mysql/mysql_dialect.hpp"

#include "dialect/mysql/mysql_connection.hpp"
#include "dialect/mysql/mysql_introspect.hpp"
#include "dialect/mysql/mysql_normalize.hpp"
#include "dialect/mysql/mysql_renderer.hpp"
#include "dialect/mysql/mysql_session.hpp"
#include "dialect/renderer_backed_dialect.hpp"

namespace dbmig::dialect::mysql {
namespace {

// Wires the MySQL/MariaDB parts to the Dialect seam; each job lives in its own file.
class MysqlDialect final : public RendererBackedDialect<MysqlRenderer> {
 public:
  MysqlDialect() : RendererBackedDialect(SqlRenderer::AppliedBy::database_user) {}

  std::string_view name() const override { return "mysql"; }

  std::unique_ptr<Connection> connect(const config::DatabaseUrl& url) const override {
    return std::make_unique<MysqlConnection>(url);
  }

  // Column names never differ by case alone in MySQL, and table names do not on servers with
  // lower_case_table_names (Windows, macOS): models that need such names would not be portable.
  bool names_fold_case() const override { return true; }

  // DDL commits implicitly: each statement is committed apart, with the revision's progress.
  bool transactional_ddl() const override { return false; }

  schema::Schema introspect(Connection& connection, const std::vector<std::string>& ignore) const override {
    return introspect_database(connection, ignore);
  }

  void normalize(schema::Schema& schema) const override { normalize_schema(schema); }

  Statement version_table_exists(std::string_view table) const override {
    return Statement{"SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
                     {std::string(table)}};
  }

  RunLock run_lock(std::string_view version_table) const override { return named_run_lock(version_table); }
  std::vector<Statement> session_limits(const SessionLimits& limits) const override {
    return session_limit_statements(limits);
  }
};

}  // namespace

std::unique_ptr<Dialect> make_mysql_dialect() { return std::make_unique<MysqlDialect>(); }

}  // namespace dbmig::dialect::mysql
