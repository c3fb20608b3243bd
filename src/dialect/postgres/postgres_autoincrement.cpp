// How a PostgreSQL column numbers itself, changed in place by alter_column: an identity (BY
// DEFAULT or ALWAYS) is added and dropped with ALTER COLUMN; a serial is a sequence OWNED BY the
// column plus a nextval() default, created and dropped as such.
#include "dialect/postgres/postgres_renderer.hpp"
#include "schema/naming.hpp"

namespace dbmig::dialect::postgres {
namespace {

using schema::AutoincrementKind;

std::string integer_type(schema::TypeKind kind) {
  if (kind == schema::TypeKind::bigint) return "bigint";
  if (kind == schema::TypeKind::smallint) return "smallint";
  return "integer";
}

}  // namespace

std::vector<Statement> PostgresRenderer::stop_autoincrement(const ops::AlterColumn& op) const {
  const std::string column = "ALTER COLUMN " + quote_identifier(op.column) + " ";
  const bool was_serial = op.existing.autoincrement && op.existing.autoincrement_kind == AutoincrementKind::serial;
  if (!was_serial) {
    std::vector<Statement> statements{alter_table(op.table, column + "DROP IDENTITY IF EXISTS")};
    // A hand-written step may not say what the column was: a serial's sequence is its default.
    if (!op.default_sql) statements.push_back(alter_table(op.table, column + "DROP DEFAULT"));
    return statements;
  }
  // The sequence is the column's (OWNED BY): dropped with the default, so that nothing is left
  // behind and a later serial can take its name. Its name is looked up, as the server chose it.
  const std::string lookup = "pg_catalog.pg_get_serial_sequence(" + quote_literal(table_name(op.table)) + ", " +
                             quote_literal(op.column) + ")";
  return {alter_table(op.table, column + "DROP DEFAULT"),
          Statement{"DO $dbmig$ BEGIN IF " + lookup + " IS NOT NULL THEN EXECUTE 'DROP SEQUENCE ' || " + lookup +
                        "; END IF; END $dbmig$",
                    {}}};
}

// The values start past those the table already holds, so that the next insert does not collide.
std::vector<Statement> PostgresRenderer::start_autoincrement(const ops::AlterColumn& op) const {
  const std::string column = quote_identifier(op.column);
  const std::string table = table_name(op.table);
  const std::string restart = "COALESCE(MAX(" + column + "), 0) + 1, false) FROM " + table;
  if (op.autoincrement_kind != AutoincrementKind::serial) {
    const std::string how = op.autoincrement_kind == AutoincrementKind::always ? "ALWAYS" : "BY DEFAULT";
    return {alter_table(op.table, "ALTER COLUMN " + column + " ADD GENERATED " + how + " AS IDENTITY"),
            Statement{"SELECT setval(pg_get_serial_sequence(" + quote_literal(table) + ", " + quote_literal(op.column) +
                          "), " + restart,
                      {}}};
  }
  // What `serial` itself does: the sequence named <table>_<column>_seq, of the column's type.
  const std::string sequence_name =
      *schema::NamingConvention::resolve("%(table)s_%(column_0)s_seq", std::nullopt, op.table.name, {op.column});
  const std::string sequence = qualified_name(sequence_name, op.table.schema);
  const schema::Type& type = op.type ? *op.type : op.existing.type;
  return {Statement{"CREATE SEQUENCE " + sequence + " AS " + integer_type(type.kind) + " OWNED BY " + table + "." +
                        column,
                    {}},
          alter_table(op.table, "ALTER COLUMN " + column + " SET DEFAULT nextval(" + quote_literal(sequence) +
                                    "::regclass)"),
          Statement{"SELECT setval(" + quote_literal(sequence) + ", " + restart, {}}};
}

}  // namespace dbmig::dialect::postgres
