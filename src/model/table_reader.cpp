// A table mapping: its columns, their flags folded into table-level constraints, and the
// table-level constraint lists.
#include <algorithm>

#include "model/detail.hpp"
#include "model/model.hpp"
#include "util/text.hpp"

namespace dbmig::model {

namespace detail {

const std::vector<std::string> table_keys = {"columns", "primary_key", "indexes",      "unique", "checks",
                                             "foreign_keys", "comment", "renamed_from", "schema", "sqlite",
                                             "postgresql"};

namespace {

constexpr std::string_view columns_hint = "write columns: {id: {type: integer, primary_key: true}, ...}";

// A column as written in the table, kept until its flags are folded.
struct WrittenColumn {
  ColumnFlags flags;
  Value value;  // the column's mapping, for errors about its flags
};

std::vector<WrittenColumn> read_columns(const Mapping& table_mapping, LocatedTable& located) {
  const std::string& table = located.table.name;
  const Value columns = table_mapping.require("columns", std::string(columns_hint));
  const Mapping entries = columns.named_entries(std::string(columns_hint));
  if (entries.entries().empty()) columns.fail("table '" + table + "' has no columns", std::string(columns_hint));
  std::vector<WrittenColumn> written;
  for (const Entry& entry : entries.entries()) {
    check_identifier(entry.key, "column", entry.key_where());
    const Value value = entry.value.named("column '" + table + "." + entry.key + "'");
    ColumnRead read = read_column_entry(value.mapping(column_keys), entry.key);
    located.table.columns.push_back(std::move(read.column));
    located.column_where.push_back(entry.key_where());
    located.bare_native_types.push_back(read.flags.bare_native_type);
    written.push_back(WrittenColumn{std::move(read.flags), value});
  }
  return written;
}

// The name of a constraint a column flag declares: always the convention's, since a flag cannot
// carry a name.
std::string flag_constraint_name(const Value& column, std::string_view kind, std::string_view pattern,
                                 std::string_view table, const std::vector<std::string>& columns,
                                 std::string_view list_key, std::string_view referred_table = {}) {
  if (schema::NamingConvention::uses_name(pattern))
    column.fail("the naming convention '" + std::string(pattern) + "' needs a name for this " + std::string(kind) +
                    ", which a column flag cannot give",
                "declare it with a name in the table's " + std::string(list_key) + " list");
  return constraint_name(column, kind, pattern, std::nullopt, table, columns, referred_table);
}

void fold_primary_key_flags(const std::vector<WrittenColumn>& written, const Mapping& table_mapping,
                            LocatedTable& located, const schema::NamingConvention& naming) {
  std::vector<std::string> columns;
  const Value* first_flagged = nullptr;
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (!written[i].flags.primary_key) continue;
    columns.push_back(located.table.columns[i].name);
    if (!first_flagged) first_flagged = &written[i].value;
  }
  if (columns.empty()) return;
  if (const auto table_level = table_mapping.get("primary_key"))
    table_level->fail("the primary key is given twice: by primary_key: true on column(s) " + util::join(columns) +
                          " and by the table's primary_key",
                      "keep one of them");
  const std::string& table = located.table.name;
  const std::string name = flag_constraint_name(*first_flagged, "primary key", naming.pk, table, columns, "primary_key");
  located.declarations.push_back(Declaration{"primary key", name, columns, first_flagged->where()});
  located.table.primary_key = schema::PrimaryKey{name, std::move(columns)};
}

void fold_column_flags(const std::vector<WrittenColumn>& written, LocatedTable& located,
                       const schema::NamingConvention& naming) {
  schema::Table& table = located.table;
  for (std::size_t i = 0; i < written.size(); ++i) {
    const ColumnFlags& flags = written[i].flags;
    const Value& value = written[i].value;
    const std::vector<std::string> columns = {table.columns[i].name};
    if (flags.unique) {
      const std::string name = flag_constraint_name(value, "unique constraint", naming.uq, table.name, columns, "unique");
      located.declarations.push_back(Declaration{"unique constraint", name, columns, value.where()});
      table.uniques.push_back(schema::UniqueConstraint{name, columns});
    }
    if (flags.index) {
      const std::string name = flag_constraint_name(value, "index", naming.ix, table.name, columns, "indexes");
      located.declarations.push_back(Declaration{"index", name, columns, value.where()});
      schema::Index index;
      index.name = name;
      index.terms = schema::column_terms(columns);
      table.indexes.push_back(std::move(index));
    }
    if (flags.references) {
      const Reference& target = *flags.references;
      schema::ForeignKey foreign_key{
          flag_constraint_name(value, "foreign key", naming.fk, table.name, columns, "foreign_keys", target.table),
          columns, target.table, target.schema, target.columns, flags.on_delete, flags.on_update};
      located.declarations.push_back(Declaration{"foreign key", foreign_key.name, columns, value.where()});
      located.foreign_key_references.push_back(flags.references_where);
      table.foreign_keys.push_back(std::move(foreign_key));
    }
  }
}



// autoincrement: identity / always / serial name PostgreSQL's own ways, which any integer column
// may take (a serial counter, a serial in a composite key); autoincrement: true is the portable
// "the key numbers itself", kept to the whole primary key.
bool explicit_kind(const Value& autoincrement) {
  const std::optional<std::string> word = autoincrement.optional_text();
  return word && (*word == "identity" || *word == "always" || *word == "serial");
}

// Key columns are NOT NULL; the key's single integer column is autoincrement unless it says not.
void apply_primary_key_rules(const std::vector<WrittenColumn>& written, schema::Table& table) {
  for (std::size_t i = 0; i < written.size(); ++i) {
    schema::Column& column = table.columns[i];
    const ColumnFlags& flags = written[i].flags;
    const bool in_primary_key =
        table.primary_key && std::find(table.primary_key->columns.begin(), table.primary_key->columns.end(),
                                       column.name) != table.primary_key->columns.end();
    // NOT NULL unless the column says nullable: true, which only SQLite honours (it lets a
    // primary key column hold NULL unless declared NOT NULL, and an INTEGER PRIMARY KEY given
    // NULL takes the next rowid); PostgreSQL makes every key column NOT NULL regardless.
    if (in_primary_key && !flags.nullable) column.nullable = false;
    if (!flags.autoincrement) {
      column.autoincrement = implies_autoincrement(table, column);
    } else if (column.autoincrement && !may_autoincrement(table, column) && !explicit_kind(*flags.autoincrement)) {
      flags.autoincrement->fail("autoincrement needs the column to be the table's whole primary key",
                                "make it the single primary key column (primary_key: true), remove autoincrement, or on "
                                "PostgreSQL write autoincrement: serial, identity or always");
    }
  }
}

// `postgresql: {unlogged: true}`.
void read_postgresql_options(const Value& value, schema::Table& table) {
  const Mapping mapping = value.named("postgresql options").mapping({"unlogged"});
  if (const auto unlogged = mapping.get("unlogged")) table.postgresql.unlogged = unlogged->boolean();
}

// `sqlite: {strict: true, without_rowid: true, autoincrement: true}`.
void read_sqlite_options(const Value& value, schema::Table& table) {
  const Mapping mapping = value.named("sqlite options").mapping({"strict", "without_rowid", "autoincrement"});
  schema::SqliteTableOptions& options = table.sqlite;
  if (const auto strict = mapping.get("strict")) options.strict = strict->boolean();
  if (const auto without_rowid = mapping.get("without_rowid")) {
    options.without_rowid = without_rowid->boolean();
    if (options.without_rowid && !table.primary_key)
      without_rowid->fail("a WITHOUT ROWID table needs a primary key", "give the table a primary key");
  }
  if (const auto autoincrement = mapping.get("autoincrement")) {
    options.autoincrement = autoincrement->boolean();
    const schema::Column* key = table.primary_key && table.primary_key->columns.size() == 1
                                    ? table.find_column(table.primary_key->columns.front())
                                    : nullptr;
    if (options.autoincrement && (!key || key->type.kind != schema::TypeKind::integer || options.without_rowid))
      autoincrement->fail("sqlite autoincrement needs a rowid table whose primary key is one integer column",
                          "AUTOINCREMENT applies to an INTEGER PRIMARY KEY (the rowid alias); remove it");
  }
}

}  // namespace

bool may_autoincrement(const schema::Table& table, const schema::Column& column) {
  return table.primary_key && table.primary_key->columns.size() == 1 &&
         table.primary_key->columns.front() == column.name &&
         (column.type.kind == schema::TypeKind::integer || column.type.kind == schema::TypeKind::bigint ||
          column.type.kind == schema::TypeKind::smallint);
}

bool implies_autoincrement(const schema::Table& table, const schema::Column& column) {
  const bool refers_elsewhere = std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(), [&](const auto& fk) {
    return std::find(fk.columns.begin(), fk.columns.end(), column.name) != fk.columns.end();
  });
  return may_autoincrement(table, column) && !refers_elsewhere && !column.default_sql && !column.generated;
}

LocatedTable read_located_table(const Value& value, std::string name, Location name_where,
                                const schema::NamingConvention& naming, const std::vector<std::string>& caller_keys,
                                GivenNames given_names) {
  check_identifier(name, "table", name_where);
  if (name.find('.') != std::string::npos)
    throw usage_error("table name '" + name + "' contains a '.'", name_where,
                      "to put a table in a PostgreSQL schema, name it without the schema and add schema: <name>");
  LocatedTable located;
  located.given_names = given_names;
  located.where = std::move(name_where);
  located.table.name = std::move(name);
  std::vector<std::string> allowed = table_keys;
  allowed.insert(allowed.end(), caller_keys.begin(), caller_keys.end());
  const Mapping mapping = value.named("table '" + located.table.name + "'").mapping(allowed);

  if (const auto schema_name = mapping.get("schema")) {
    located.table.schema = schema_name->text();
    check_identifier(located.table.schema, "schema", schema_name->where());
  }
  if (const auto comment = mapping.get("comment")) located.table.comment = comment->optional_text();
  if (const auto renamed_from = mapping.get("renamed_from")) located.table.renamed_from = renamed_from->text();

  const std::vector<WrittenColumn> written = read_columns(mapping, located);
  // Column flags first, then the table-level lists, each in the order written.
  fold_primary_key_flags(written, mapping, located, naming);
  fold_column_flags(written, located, naming);
  if (const auto primary_key = mapping.get("primary_key")) read_primary_key(*primary_key, located, naming);
  if (const auto indexes = mapping.get("indexes")) read_indexes(*indexes, located, naming);
  if (const auto uniques = mapping.get("unique")) read_uniques(*uniques, located, naming);
  if (const auto checks = mapping.get("checks")) read_checks(*checks, located, naming);
  if (const auto foreign_keys = mapping.get("foreign_keys")) read_foreign_keys(*foreign_keys, located, naming);

  check_table(located);
  apply_primary_key_rules(written, located.table);
  if (const auto options = mapping.get("sqlite")) read_sqlite_options(*options, located.table);
  if (const auto options = mapping.get("postgresql")) read_postgresql_options(*options, located.table);
  return located;
}

}  // namespace detail

schema::Table read_table(const YAML::Node& node, std::string table_name, std::string_view file,
                         const schema::NamingConvention& naming, const std::vector<std::string>& caller_keys) {
  return read_table(Value::at_node(node, file, "table"), std::move(table_name), naming, caller_keys);
}

schema::Table read_table(const Value& written, std::string table_name, const schema::NamingConvention& naming,
                         const std::vector<std::string>& caller_keys, GivenNames given_names) {
  const Value value = written.named("table '" + table_name + "'");
  return detail::read_located_table(value, std::move(table_name), value.where(), naming, caller_keys, given_names)
      .table;
}

}  // namespace dbmig::model
