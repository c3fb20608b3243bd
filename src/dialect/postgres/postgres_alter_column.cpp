// ALTER COLUMN on PostgreSQL: every attribute changes in place, in an order that keeps each
// statement valid: identity dropped, type changed (its default set aside while values convert),
// nullability, default, identity added, comment.
#include "dialect/postgres/enum_types.hpp"
#include "dialect/postgres/postgres_renderer.hpp"
#include "dialect/postgres/postgres_types.hpp"

namespace dbmig::dialect::postgres {
namespace {

using schema::TypeKind;

bool is_numeric(TypeKind kind) {
  return kind == TypeKind::smallint || kind == TypeKind::integer || kind == TypeKind::bigint ||
         kind == TypeKind::numeric || kind == TypeKind::float_ || kind == TypeKind::double_;
}
bool is_text(TypeKind kind) { return kind == TypeKind::string || kind == TypeKind::text; }
bool is_date_or_time(TypeKind kind) {
  return kind == TypeKind::date || kind == TypeKind::datetime || kind == TypeKind::timestamptz;
}

// Whether PostgreSQL converts the values by itself (an implicit or assignment cast), or needs a
// USING expression. Within a family it does, and anything becomes text. No USING where none is
// needed: an explicit cast to varchar(n) would silently cut values that the assignment cast
// rejects.
bool converts_by_itself(const schema::Type& from, const schema::Type& to) {
  if (from.kind == to.kind && from.kind != TypeKind::native) return true;
  if (is_text(to.kind)) return true;
  if (is_numeric(from.kind) && is_numeric(to.kind)) return true;
  return is_date_or_time(from.kind) && is_date_or_time(to.kind);
}

}  // namespace

std::vector<Statement> PostgresRenderer::alter_column(const ops::AlterColumn& op, const RenderContext& /*context*/) const {
  const std::string column = "ALTER COLUMN " + quote_identifier(op.column) + " ";
  std::vector<Statement> statements;
  auto alter = [&](const std::string& action) { statements.push_back(alter_table(op.table, column + action)); };

  if (op.autoincrement && !*op.autoincrement) {
    // An identity column loses its identity; a serial column (whose sequence is its default)
    // loses its default, unless a new one is set below.
    alter("DROP IDENTITY IF EXISTS");
    if (!op.default_sql) alter("DROP DEFAULT");
  }

  bool default_dropped = false;
  if (op.type) {
    TypeChange change = change_type(op);
    default_dropped = change.default_dropped;
    for (Statement& statement : change.statements) statements.push_back(std::move(statement));
  } else if (op.collation) {
    // Only the collation changes: the same type, with the new collation ("default": the type's).
    const std::string type = op.existing.type.kind == TypeKind::enumeration ? enum_type_sql(op.table, op.column)
                                                                            : type_sql(op.existing.type);
    alter("TYPE " + type + " COLLATE " + quote_identifier(op.collation->value_or("default")));
  }

  if (op.nullable) alter(*op.nullable ? "DROP NOT NULL" : "SET NOT NULL");

  // The default after the change: the new one, or the old one set aside for the type change.
  const std::optional<std::string> default_sql = op.default_sql ? *op.default_sql : op.existing.default_sql;
  if (default_sql && (op.default_sql || default_dropped)) {
    alter("SET " + default_clause(*default_sql));
  } else if (op.default_sql && !default_dropped) {
    alter("DROP DEFAULT");
  }

  if (op.autoincrement && *op.autoincrement) {
    for (Statement& statement : start_identity(op)) statements.push_back(std::move(statement));
  }
  if (op.comment) {
    for (Statement& statement : column_comment(op.table, op.column, *op.comment)) statements.push_back(std::move(statement));
  }
  return statements;
}

PostgresRenderer::TypeChange PostgresRenderer::change_type(const ops::AlterColumn& op) const {
  const schema::Type& from = op.existing.type;
  const schema::Type& to = *op.type;
  const bool from_enum = from.kind == TypeKind::enumeration;
  const bool to_enum = to.kind == TypeKind::enumeration;
  // A new enum value cannot be used in the transaction that adds it, so a new default (which may
  // be one) takes the type rebuilt below instead.
  const bool sets_default = op.default_sql && op.default_sql->has_value();
  if (from_enum && to_enum && only_adds_values(from.enum_values, to.enum_values) && !sets_default) {
    return TypeChange{add_enum_values(op.table, op.column, from.enum_values, to.enum_values), false};
  }

  TypeChange change;
  const std::string column = quote_identifier(op.column);
  // An enum changing its values is rebuilt: the old type is set aside under another name, the
  // column converted to a new one through text (failing, and rolling back, if a row holds a
  // value that is gone), and the old type dropped.
  const std::string set_aside_column = op.column + "_old";
  if (from_enum && to_enum) change.statements.push_back(rename_enum_type(op.table, op.column, op.table.name, set_aside_column));
  if (to_enum) change.statements.push_back(create_enum_type(op.table, op.column, to.enum_values));

  const std::string new_type = to_enum ? enum_type_sql(op.table, op.column) : type_sql(to);
  std::string action = "ALTER COLUMN " + column + " TYPE " + new_type;
  // A type change resets the collation to the new type's default: say the one the column keeps.
  if (const std::optional<std::string> collation = op.collation ? *op.collation : op.existing.collation)
    action += " COLLATE " + quote_identifier(*collation);
  const bool needs_using = to_enum || from_enum ? !is_text(to.kind) : !converts_by_itself(from, to);
  if (needs_using) action += " USING " + column + (from_enum || to_enum ? "::text::" : "::") + new_type;

  // A default is converted like a value, but only by implicit casts: set it aside around USING.
  // And one converted from an enum still names the old type, which could then not be dropped.
  if (op.existing.default_sql && (needs_using || from_enum)) {
    change.statements.push_back(alter_table(op.table, "ALTER COLUMN " + column + " DROP DEFAULT"));
    change.default_dropped = true;
  }
  change.statements.push_back(alter_table(op.table, action));
  if (from_enum) {
    change.statements.push_back(drop_enum_type(op.table, to_enum ? std::string_view(set_aside_column) : op.column));
  }
  return change;
}

// The identity's sequence starts past the values the table already holds, so that the next
// insert does not collide with them.
std::vector<Statement> PostgresRenderer::start_identity(const ops::AlterColumn& op) const {
  const std::string column = quote_identifier(op.column);
  const std::string table = table_name(op.table);
  return {alter_table(op.table, "ALTER COLUMN " + column + " ADD GENERATED BY DEFAULT AS IDENTITY"),
          Statement{"SELECT setval(pg_get_serial_sequence(" + quote_literal(table) + ", " + quote_literal(op.column) +
                        "), COALESCE(MAX(" + column + "), 0) + 1, false) FROM " + table,
                    {}}};
}

}  // namespace dbmig::dialect::postgres
