// Table-level comparison: which tables are renamed (only ever by a `renamed_from` hint: a guess
// from similar columns would be wrong too often), their columns' renames, and table comments.
#include <unordered_map>
#include <unordered_set>

#include "diff/comparisons.hpp"

namespace dbmig::diff::detail {

namespace {

using TablesByKey = std::unordered_map<std::string, const schema::Table*>;

TablesByKey index_tables(const schema::Schema& schema) {
  TablesByKey tables;
  tables.reserve(schema.tables.size());
  for (const auto& table : schema.tables) tables.emplace(table_key(table.schema, table.name), &table);
  return tables;
}

// A column is renamed when the live table has its old name, not its new one, and the model does
// not also keep a column under the old name.
void find_column_renames(const schema::Table& desired, const schema::Table& live, std::vector<ops::Op>& renames) {
  std::unordered_set<std::string_view> taken;
  for (const auto& column : desired.columns) {
    if (!column.renamed_from || taken.contains(*column.renamed_from)) continue;
    const std::string& old_name = *column.renamed_from;
    if (live.find_column(old_name) && !live.find_column(column.name) && !desired.find_column(old_name)) {
      renames.push_back(ops::RenameColumn{name_of(desired), old_name, column.name});
      taken.insert(old_name);
    }
  }
}

}  // namespace

ops::TableName name_of(const schema::Table& table) { return ops::TableName{table.name, table.schema}; }

std::string display_name(const schema::Table& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

std::string table_key(const std::string& schema, const std::string& name) {
  // A separator no identifier holds, so that ("a.b", "c") and ("a", "b.c") differ.
  return schema + '\x1f' + name;
}

schema::Column without_hints(schema::Column column) {
  column.renamed_from.reset();
  return column;
}

schema::Table without_hints(schema::Table table) {
  table.renamed_from.reset();
  for (auto& column : table.columns) column.renamed_from.reset();
  return table;
}

std::vector<ops::Op> find_renames(const schema::Schema& desired, const schema::Schema& live) {
  const TablesByKey live_tables = index_tables(live);
  const TablesByKey desired_tables = index_tables(desired);
  std::vector<ops::Op> table_renames;
  std::vector<ops::Op> column_renames;
  std::unordered_set<std::string> taken;  // live tables already claimed by a rename

  for (const auto& table : desired.tables) {
    const auto same_name = live_tables.find(table_key(table.schema, table.name));
    if (same_name != live_tables.end()) {
      find_column_renames(table, *same_name->second, column_renames);
      continue;
    }
    if (!table.renamed_from) continue;
    const std::string old_key = table_key(table.schema, *table.renamed_from);
    const auto old_table = live_tables.find(old_key);
    if (old_table == live_tables.end() || desired_tables.contains(old_key) || taken.contains(old_key)) continue;
    taken.insert(old_key);
    table_renames.push_back(ops::RenameTable{ops::TableName{*table.renamed_from, table.schema}, table.name});
    find_column_renames(table, *old_table->second, column_renames);
  }

  // Column renames name their table by its new name, so table renames go first.
  table_renames.insert(table_renames.end(), std::make_move_iterator(column_renames.begin()),
                       std::make_move_iterator(column_renames.end()));
  return table_renames;
}

void compare_table_comment(const schema::Table& desired, const schema::Table& live, Plan& plan) {
  if (desired.comment != live.comment)
    plan.add(Phase::alter_tables, ops::SetTableComment{name_of(desired), desired.comment, live.comment});
  // No step changes SQLite's table options of an existing table (that takes a rebuild): say so
  // rather than pretend the models and the database agree.
  if (desired.sqlite != live.sqlite)
    plan.warn("table '" + display_name(desired) + "': its sqlite options (strict, without_rowid, autoincrement) "
              "differ from the database's, and migrate does not change them on an existing table; write the "
              "rebuild as a sql step, or drop and create the table");
  if (desired.postgresql != live.postgresql)
    plan.warn("table '" + display_name(desired) + "': its postgresql options (unlogged) differ from the database's, "
              "and migrate does not change them on an existing table; write `ALTER TABLE ... SET LOGGED` or `SET "
              "UNLOGGED` as a sql step (it rewrites the table)");
}

}  // namespace dbmig::diff::detail
