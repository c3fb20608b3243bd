#include "dialect/sqlite/sqlite_introspect.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "dialect/common/catalog_rows.hpp"
#include "dialect/common/sql_tokens.hpp"
#include "dialect/sqlite/create_index_parser.hpp"
#include "dialect/sqlite/create_table_parser.hpp"
#include "dialect/sqlite/enum_check.hpp"
#include "dialect/sqlite/sqlite_types.hpp"

namespace dbmig::dialect::sqlite {
namespace {

// The tables every catalog query reads: user tables, not SQLite's internal sqlite_* ones (the
// backslash escapes LIKE's '_' wildcard) and not virtual tables, which dbmig cannot recreate.
// Pragma table-valued functions are joined between the two parts: FROM m JOIN pragma_x(m.name).
constexpr std::string_view kFromTables = " FROM sqlite_schema AS m";
constexpr std::string_view kWhereUserTable =
    " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    " AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%'";

std::string catalog_query(std::string_view select, std::string_view join, std::string_view order_by,
                          std::string_view extra_condition = {}) {
  std::string sql(select);
  sql += kFromTables;
  sql += join;
  sql += kWhereUserTable;
  sql += extra_condition;
  sql += " ORDER BY ";
  sql += order_by;
  return sql;
}

// SQLite compares identifiers ignoring ASCII case; so do lookups here.
std::string name_key(std::string_view name) { return to_lower_ascii(name); }


bool same_columns(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const std::string& x, const std::string& y) {
           return equals_ignoring_case(x, y);
         });
}

schema::ReferentialAction action_from_pragma(std::string_view action) {
  if (action == "CASCADE") return schema::ReferentialAction::cascade;
  if (action == "SET NULL") return schema::ReferentialAction::set_null;
  if (action == "SET DEFAULT") return schema::ReferentialAction::set_default;
  if (action == "RESTRICT") return schema::ReferentialAction::restrict;
  return schema::ReferentialAction::no_action;  // "NO ACTION"
}

schema::Column* find_column(schema::Table& table, std::string_view name) {
  const auto column = std::find_if(table.columns.begin(), table.columns.end(),
                                   [&](const schema::Column& candidate) { return equals_ignoring_case(candidate.name, name); });
  return column == table.columns.end() ? nullptr : &*column;
}

struct TableBeingRead {
  schema::Table table;
  ParsedCreateTable parsed;
  std::vector<std::pair<int, std::string>> key_columns;  // (position in the primary key, column)
  std::vector<bool> constraint_used;                     // per parsed constraint: matched already
};

class CatalogReader {
 public:
  CatalogReader(Connection& connection, const std::vector<std::string>& ignore)
      : connection_(connection) {
    for (const std::string& name : ignore) ignore_.insert(name_key(name));
  }

  schema::Schema read() {
    read_tables_and_triggers();
    read_columns();
    read_indexes();
    read_foreign_keys();
    schema::Schema schema;
    // In passes over all tables, since foreign keys read the primary keys of the tables they refer to.
    for (TableBeingRead& table : tables_) read_primary_key(table);
    for (TableBeingRead& table : tables_) finish_table(table);
    for (TableBeingRead& table : tables_) schema.tables.push_back(std::move(table.table));
    return schema;
  }

 private:
  TableBeingRead* find(const std::string& name) {
    const auto it = by_name_.find(name_key(name));
    return it == by_name_.end() ? nullptr : &tables_[it->second];
  }

  // The name the CREATE TABLE text gives the first not yet matched constraint of `kind` that
  // `matches`, or "" when there is none.
  template <class Matches>
  std::string take_constraint_name(TableBeingRead& table, ConstraintKind kind, Matches&& matches) {
    const ParsedConstraint* constraint = take_constraint(table, kind, std::forward<Matches>(matches));
    return constraint ? constraint->name : std::string();
  }

  // The first constraint of `kind` not taken yet that `matches`, marked taken; nullptr if none.
  template <class Matches>
  const ParsedConstraint* take_constraint(TableBeingRead& table, ConstraintKind kind, Matches&& matches) {
    for (std::size_t i = 0; i < table.parsed.constraints.size(); ++i) {
      const ParsedConstraint& constraint = table.parsed.constraints[i];
      if (constraint.kind != kind || table.constraint_used[i] || !matches(constraint)) continue;
      table.constraint_used[i] = true;
      return &constraint;
    }
    return nullptr;
  }

  // The tables, then the triggers, in one query. Triggers are kept as their CREATE TRIGGER text in
  // creation order (the order SQLite fires them in depends on it), for the table rebuild.
  void read_tables_and_triggers() {
    const std::vector<Row> rows = connection_.query(
        {catalog_query("SELECT m.type, m.name, m.sql, m.tbl_name", "",
                       "m.type = 'trigger', CASE WHEN m.type = 'table' THEN m.name END, m.rowid",
                       " OR m.type = 'trigger'"),
         {}});
    for (const Row& row : rows) {
      std::string name = row_text(row, 1);
      if (row_text(row, 0) == "trigger") {
        if (TableBeingRead* table = find(row_text(row, 3))) table->table.triggers.push_back({std::move(name), row_text(row, 2)});
        continue;
      }
      if (ignore_.count(name_key(name)) > 0) continue;
      TableBeingRead table;
      table.table.name = name;
      table.parsed = parse_create_table(row_text(row, 2));
      table.table.sqlite.strict = table.parsed.strict;
      table.table.sqlite.without_rowid = table.parsed.without_rowid;
      table.constraint_used.assign(table.parsed.constraints.size(), false);
      by_name_.emplace(name_key(name), tables_.size());
      tables_.push_back(std::move(table));
    }
  }

  void read_columns() {
    const std::vector<Row> rows = connection_.query(
        {catalog_query("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden",
                       " JOIN pragma_table_xinfo(m.name) AS p", "m.name, p.cid"),
         {}});
    for (const Row& row : rows) {
      TableBeingRead* table = find(row_text(row, 0));
      // hidden 1 is a virtual table's hidden column; 2 and 3 are generated (VIRTUAL, STORED).
      if (!table || row_text(row, 6) == "1") continue;
      schema::Column column;
      column.name = row_text(row, 1);
      column.type = type_from_declared(row_text(row, 2));
      column.nullable = row_text(row, 3) == "0";
      column.default_sql = row.at(4);
      if (const int key_position = std::stoi(row.at(5).value_or("0")); key_position > 0) {
        table->key_columns.emplace_back(key_position, column.name);
      }
      add_declared_clauses(*table, column);
      table->table.columns.push_back(std::move(column));
    }
  }

  // What only the CREATE TABLE text says about a column: COLLATE, AUTOINCREMENT (a table
  // option in the model), and a generated column's expression.
  static void add_declared_clauses(TableBeingRead& table, schema::Column& column) {
    const std::vector<std::string>& names = table.parsed.columns;
    const auto at = std::find_if(names.begin(), names.end(),
                                 [&](const std::string& name) { return equals_ignoring_case(name, column.name); });
    const auto index = static_cast<std::size_t>(at - names.begin());
    if (index >= table.parsed.clauses.size()) return;
    const ParsedColumnClauses& clauses = table.parsed.clauses[index];
    if (!clauses.collation.empty()) column.collation = clauses.collation;
    if (clauses.autoincrement) table.table.sqlite.autoincrement = true;
    if (clauses.generated) column.generated = schema::Generated{clauses.generated_expression, clauses.stored};
  }

  // One row per indexed term, grouped by index: origin 'pk' is the primary key (read from the
  // columns), 'u' a UNIQUE constraint, 'c' a CREATE INDEX.
  void read_indexes() {
    const std::vector<Row> rows = connection_.query(
        {catalog_query("SELECT m.name, il.name, il.\"unique\", il.origin, ii.cid, ii.name, s.sql, ii.\"desc\"",
                       " JOIN pragma_index_list(m.name) AS il JOIN pragma_index_xinfo(il.name) AS ii"
                       " LEFT JOIN sqlite_schema AS s ON s.type = 'index' AND s.name = il.name",
                       "m.name, il.name, ii.seqno", " AND ii.key = 1"),
         {}});
    for_each_group(rows, [&](std::size_t first, std::size_t last) {
      if (TableBeingRead* table = find(row_text(rows[first], 0))) add_index(*table, rows, first, last);
    });
  }

  void add_index(TableBeingRead& table, const std::vector<Row>& rows, std::size_t first, std::size_t last) {
    const Row& head = rows[first];
    const std::string origin = row_text(head, 3);
    if (origin == "pk") return;
    std::vector<std::string> columns;
    std::vector<schema::IndexTerm> terms;
    const ParsedIndex parsed = parse_create_index(row_text(head, 6));
    for (std::size_t at = first; at < last; ++at) {
      const std::size_t position = at - first;
      schema::IndexTerm term;
      if (row_text(rows[at], 4) == "-2") {  // an expression: its text is only in the CREATE INDEX
        term = schema::IndexTerm::of_expression(position < parsed.terms.size() ? parsed.terms[position] : std::string());
      } else {
        term = schema::IndexTerm::of_column(rows[at].at(5).value_or("rowid"));  // cid -1 is the rowid
        columns.push_back(term.column);
      }
      if (position < parsed.collations.size()) term.collate = parsed.collations[position];
      term.descending = row_text(rows[at], 7) == "1";
      terms.push_back(std::move(term));
    }
    if (origin == "u") {
      schema::UniqueConstraint unique;
      unique.name = take_constraint_name(table, ConstraintKind::unique,
                                         [&](const ParsedConstraint& c) { return same_columns(c.columns, columns); });
      unique.columns = std::move(columns);
      table.table.uniques.push_back(std::move(unique));
      return;
    }
    schema::Index index;
    index.name = row_text(head, 1);
    index.unique = row_text(head, 2) == "1";
    index.terms = std::move(terms);
    index.where = parsed.where;
    table.table.indexes.push_back(std::move(index));
  }

  // PRAGMA foreign_key_list numbers a table's keys last-declared first; reading them by id
  // descending gives declaration order, the order take_constraint_name matches the CREATE TABLE
  // text in, so two keys on the same columns and table (differing only in actions) keep their names.
  void read_foreign_keys() {
    const std::vector<Row> rows = connection_.query(
        {catalog_query("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete",
                       " JOIN pragma_foreign_key_list(m.name) AS f", "m.name, f.id DESC, f.seq"),
         {}});
    for_each_group(rows, [&](std::size_t first, std::size_t last) {
      if (TableBeingRead* table = find(row_text(rows[first], 0))) add_foreign_key(*table, rows, first, last);
    });
  }

  void add_foreign_key(TableBeingRead& table, const std::vector<Row>& rows, std::size_t first, std::size_t last) {
    schema::ForeignKey foreign_key;
    foreign_key.referred_table = row_text(rows[first], 2);
    foreign_key.on_update = action_from_pragma(row_text(rows[first], 5));
    foreign_key.on_delete = action_from_pragma(row_text(rows[first], 6));
    bool names_referred_columns = true;
    for (std::size_t at = first; at < last; ++at) {
      foreign_key.columns.push_back(row_text(rows[at], 3));
      if (!rows[at].at(4)) names_referred_columns = false;  // REFERENCES t without columns: its primary key
      foreign_key.referred_columns.push_back(row_text(rows[at], 4));
    }
    if (!names_referred_columns) foreign_key.referred_columns.clear();  // filled in by finish_table
    // The pragma does not report DEFERRABLE: the CREATE TABLE text does, with the name.
    const ParsedConstraint* parsed = take_constraint(table, ConstraintKind::foreign_key, [&](const ParsedConstraint& c) {
      return same_columns(c.columns, foreign_key.columns) && equals_ignoring_case(c.referred_table, foreign_key.referred_table);
    });
    if (parsed) {
      foreign_key.name = parsed->name;
      foreign_key.deferrable = parsed->deferrable;
      foreign_key.initially_deferred = parsed->initially_deferred;
    }
    table.table.foreign_keys.push_back(std::move(foreign_key));
  }

  void read_primary_key(TableBeingRead& table) {
    if (table.key_columns.empty()) return;
    std::sort(table.key_columns.begin(), table.key_columns.end());
    schema::PrimaryKey primary_key;
    for (auto& [position, column] : table.key_columns) primary_key.columns.push_back(column);
    primary_key.name = take_constraint_name(table, ConstraintKind::primary_key, [](const ParsedConstraint&) { return true; });
    if (primary_key.columns.size() == 1) {
      schema::Column* key = find_column(table.table, primary_key.columns.front());
      // A single INTEGER primary key of a rowid table is the rowid alias: SQLite assigns it.
      if (key && key->type.kind == schema::TypeKind::integer && !table.table.sqlite.without_rowid) key->autoincrement = true;
    }
    table.table.primary_key = std::move(primary_key);
  }

  // What needs every query's results: enum columns, checks, implied foreign key columns.
  void finish_table(TableBeingRead& table) {
    schema::Table& result = table.table;
    for (std::size_t i = 0; i < table.parsed.constraints.size(); ++i) {
      const ParsedConstraint& check = table.parsed.constraints[i];
      if (check.kind != ConstraintKind::check) continue;
      if (!check.column.empty() && becomes_enum(result, check)) continue;
      result.checks.push_back(schema::CheckConstraint{check.name, check.expression});
    }
    for (schema::ForeignKey& foreign_key : result.foreign_keys) {
      if (!foreign_key.referred_columns.empty()) continue;
      if (const TableBeingRead* referred = find(foreign_key.referred_table); referred && referred->table.primary_key) {
        foreign_key.referred_columns = referred->table.primary_key->columns;
      }
    }
  }

  // A column-level `CHECK ("col" IN ('a', 'b'))` on a text column is how an enum is stored: the
  // column becomes enum(a, b) and the check is not reported separately.
  static bool becomes_enum(schema::Table& table, const ParsedConstraint& check) {
    schema::Column* column = find_column(table, check.column);
    if (!column) return false;
    if (column->type.kind != schema::TypeKind::string && column->type.kind != schema::TypeKind::text) return false;
    std::optional<std::vector<std::string>> values = enum_values_from_check(column->name, check.expression);
    if (!values) return false;
    column->type = schema::Type{};
    column->type.kind = schema::TypeKind::enumeration;
    column->type.enum_values = std::move(*values);
    return true;
  }

  Connection& connection_;
  std::unordered_set<std::string> ignore_;
  std::vector<TableBeingRead> tables_;
  std::unordered_map<std::string, std::size_t> by_name_;
};

}  // namespace

schema::Schema introspect_database(Connection& connection, const std::vector<std::string>& ignore) {
  return CatalogReader(connection, ignore).read();
}

}  // namespace dbmig::dialect::sqlite
