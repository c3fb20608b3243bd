#include "dialect/postgres/postgres_dialect.hpp"

#include "dialect/postgres/lock_holder.hpp"
#include "dialect/postgres/postgres_connection.hpp"
#include "dialect/renderer_backed_dialect.hpp"
#include "dialect/postgres/postgres_introspect.hpp"
#include "dialect/postgres/postgres_normalize.hpp"
#include "dialect/postgres/postgres_renderer.hpp"
#include "dialect/postgres/postgres_session.hpp"

namespace dbmig::dialect::postgres {
namespace {

// Wires the PostgreSQL parts to the Dialect seam; each job lives in its own file.
class PostgresDialect final : public RendererBackedDialect<PostgresRenderer> {
 public:
  PostgresDialect() : RendererBackedDialect(SqlRenderer::AppliedBy::database_user) {}

  std::string_view name() const override { return "postgresql"; }

  std::unique_ptr<Connection> connect(const config::DatabaseUrl& url) const override {
    return std::make_unique<PostgresConnection>(url);
  }

  schema::Schema introspect(Connection& connection, const std::vector<std::string>& ignore) const override {
    return introspect_database(connection, ignore);
  }
  schema::Schema introspect_schemas(Connection& connection, const std::vector<std::string>& ignore,
                                    const std::vector<std::string>& schemas) const override {
    return introspect_database(connection, ignore, schemas);
  }

  std::string default_schema(Connection& connection) const override {
    const auto rows = connection.query({"SELECT current_schema()", {}});
    return rows.empty() || rows.front().empty() || !rows.front().front() ? std::string{} : *rows.front().front();
  }

  void normalize(schema::Schema& schema) const override { normalize_schema(schema); }

  // The version table lives in the connection's current schema, like the tables it versions.
  Statement version_table_exists(std::string_view table) const override {
    return Statement{"SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')",
                     {std::string(table)}};
  }

  RunLock run_lock(std::string_view version_table) const override { return advisory_run_lock(version_table); }
  std::vector<Statement> session_limits(const SessionLimits& limits) const override {
    return session_limit_statements(limits);
  }
  bool warns_of_table_rewrites() const override { return true; }
  std::optional<long long> estimated_rows(Connection& connection, const ops::TableName& table) const override {
    // reltuples is -1 for a table never vacuumed or analysed (PostgreSQL 14+; 0 before).
    const auto rows = connection.query(
        {"SELECT reltuples::bigint::text FROM pg_catalog.pg_class WHERE oid = to_regclass($1) AND reltuples >= 0",
         {quoted_table(table)}});
    if (rows.empty() || rows.front().empty() || !rows.front().front()) return std::nullopt;
    return std::stoll(*rows.front().front());
  }
  std::vector<LockHolder> table_lock_holders(Connection& connection, const ops::TableName& table) const override {
    return describe_table_lock_holders(connection, quoted_table(table));
  }

 private:
  // "orders", "sales"."orders": as to_regclass reads a name.
  std::string quoted_table(const ops::TableName& table) const {
    const std::string name = quote_identifier(table.name);
    return table.schema.empty() ? name : quote_identifier(table.schema) + "." + name;
  }
};

}  // namespace

std::unique_ptr<Dialect> make_postgres_dialect() { return std::make_unique<PostgresDialect>(); }

}  // namespace dbmig::dialect::postgres
