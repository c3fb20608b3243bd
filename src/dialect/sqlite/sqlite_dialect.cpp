#include "dialect/sqlite/sqlite_dialect.hpp"

#include <filesystem>
#include <system_error>

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

 private:
  SqliteRenderer renderer_;
};

}  // namespace

std::unique_ptr<Dialect> make_sqlite_dialect() { return std::make_unique<SqliteDialect>(); }

}  // namespace dbmig::dialect::sqlite
