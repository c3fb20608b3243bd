#include "dialect/mysql/mysql_introspect.hpp"

#include <algorithm>
#include <unordered_map>

#include "dialect/common/catalog_rows.hpp"
#include "dialect/mysql/mysql_catalog_queries.hpp"
#include "dialect/mysql/mysql_types.hpp"

namespace dbmig::dialect::mysql {
namespace {

// RESTRICT, CASCADE, SET NULL, NO ACTION, SET DEFAULT as information_schema spells them.
schema::ReferentialAction action_of(const std::string& rule) {
  if (rule == "CASCADE") return schema::ReferentialAction::cascade;
  if (rule == "SET NULL") return schema::ReferentialAction::set_null;
  if (rule == "SET DEFAULT") return schema::ReferentialAction::set_default;
  if (rule == "RESTRICT") return schema::ReferentialAction::restrict;
  return schema::ReferentialAction::no_action;
}

std::optional<std::string> unless_empty(const std::optional<std::string>& text) {
  return text && !text->empty() ? text : std::nullopt;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// MariaDB's JSON: a longtext column with the check json_valid(`name`) named after it.
bool is_json_check(const schema::CheckConstraint& check, const schema::Column& column) {
  return check.name == column.name && check.expression == "json_valid(`" + column.name + "`)" &&
         column.type == read_type("longtext");
}

class CatalogReader {
 public:
  CatalogReader(Connection& connection, const std::vector<std::string>& ignore)
      : connection_(connection), ignore_(ignore) {}

  schema::Schema read() {
    read_tables();
    read_columns();
    read_indexes();
    read_foreign_keys();
    read_checks();
    for (schema::Table& table : schema_.tables) drop_foreign_key_indexes(table);
    return std::move(schema_);
  }

 private:
  schema::Table* find(const std::optional<std::string>& name) {
    const auto it = name ? by_name_.find(*name) : by_name_.end();
    return it == by_name_.end() ? nullptr : &schema_.tables[it->second];
  }

  void read_tables() {
    for (const Row& row : connection_.query(catalog::tables(ignore_))) {
      schema_.unqualified_schema = row_text(row, 0);
      if (!row.at(1)) continue;  // the row of a database without tables
      schema::Table table;
      table.name = *row.at(1);
      table.comment = unless_empty(row.at(2));
      collation_.emplace(table.name, row_text(row, 4));
      by_name_.emplace(table.name, schema_.tables.size());
      schema_.tables.push_back(std::move(table));
    }
  }

  void read_columns() {
    for (const Row& row : connection_.query(catalog::columns(ignore_))) {
      schema::Table* table = find(row.at(0));
      if (!table) continue;  // a view's
      schema::Column column;
      column.name = row_text(row, 1);
      column.type = read_type(row_text(row, 2));
      column.nullable = row_text(row, 3) == "YES";
      // MariaDB 10.2.7+ prints the default as SQL; NULL (the word) for a nullable column
      // without one, and NULL (no value) for a NOT NULL column without one.
      if (row.at(4) && *row.at(4) != "NULL") column.default_sql = row.at(4);
      const std::string extra = to_lower(row_text(row, 5));
      column.autoincrement = contains(extra, "auto_increment");
      if (contains(extra, "generated")) {
        column.generated = schema::Generated{row_text(row, 6), contains(extra, "stored")};
        column.default_sql.reset();
      }
      // A column without COLLATE gets its table's: reported only where it is another.
      if (row.at(7) && *row.at(7) != collation_[table->name]) column.collation = row.at(7);
      column.comment = unless_empty(row.at(8));
      table->columns.push_back(std::move(column));
    }
  }

  void read_indexes() {
    const std::vector<Row> rows = connection_.query(catalog::indexes(ignore_));
    for_each_group(rows, [&](std::size_t first, std::size_t last) {
      schema::Table* table = find(rows[first].at(0));
      if (!table) return;
      const std::string name = row_text(rows[first], 1);
      const std::string index_type = to_lower(row_text(rows[first], 5));
      std::vector<schema::IndexTerm> terms;
      bool prefix = false;
      for (std::size_t at = first; at < last; ++at) {
        // MariaDB has no expression terms; MySQL 8's functional ones (no column) are skipped.
        if (!rows[at].at(3)) continue;
        schema::IndexTerm term = schema::IndexTerm::of_column(*rows[at].at(3));
        term.descending = row_text(rows[at], 6) == "D";
        // SUB_PART: a prefix length, which the model cannot hold (see the header). SPATIAL
        // indexes report one (32) for every column, without one having been written.
        prefix = prefix || (rows[at].at(4) && index_type != "spatial");
        terms.push_back(std::move(term));
      }
      if (name == "PRIMARY") {
        schema::PrimaryKey key;  // unnamed: MySQL names every primary key PRIMARY
        for (const schema::IndexTerm& term : terms) key.columns.push_back(term.column);
        table->primary_key = std::move(key);
        return;
      }
      schema::Index index;
      index.name = name;
      index.terms = std::move(terms);
      index.unique = row_text(rows[first], 2) == "0";
      if (index_type != "btree") index.method = index_type;
      if (index.unique && index.method.empty() && index.on_plain_columns() && !prefix) {
        table->uniques.push_back(schema::UniqueConstraint{index.name, index.key_columns()});
        return;
      }
      table->indexes.push_back(std::move(index));
    });
  }

  void read_foreign_keys() {
    const std::vector<Row> rows = connection_.query(catalog::foreign_keys(ignore_));
    for_each_group(rows, [&](std::size_t first, std::size_t last) {
      schema::Table* table = find(rows[first].at(0));
      if (!table) return;
      const Row& head = rows[first];
      schema::ForeignKey foreign_key;
      foreign_key.name = row_text(head, 1);
      for (std::size_t at = first; at < last; ++at) {
        foreign_key.columns.push_back(row_text(rows[at], 2));
        foreign_key.referred_columns.push_back(row_text(rows[at], 5));
      }
      if (row_text(head, 6) != "1") foreign_key.referred_schema = row_text(head, 3);
      foreign_key.referred_table = row_text(head, 4);
      foreign_key.on_update = action_of(row_text(head, 7));
      foreign_key.on_delete = action_of(row_text(head, 8));
      table->foreign_keys.push_back(std::move(foreign_key));
    });
  }

  void read_checks() {
    for (const Row& row : connection_.query(catalog::checks(ignore_))) {
      schema::Table* table = find(row.at(0));
      if (!table) continue;
      schema::CheckConstraint check{row_text(row, 1), row_text(row, 2)};
      if (row_text(row, 3) == "Column") {
        schema::Column* column = table->find_column(check.name);
        if (column && is_json_check(check, *column)) {
          column->type = schema::Type{};
          column->type.kind = schema::TypeKind::json;
          column->collation.reset();  // utf8mb4_bin, which JSON forces
          continue;
        }
      }
      table->checks.push_back(std::move(check));
    }
  }

  // InnoDB needs an index on a foreign key's columns and creates one, named after the key, when
  // none exists; it goes with the key, so the key stands for it.
  static void drop_foreign_key_indexes(schema::Table& table) {
    std::erase_if(table.indexes, [&](const schema::Index& index) {
      return !index.unique && index.method.empty() && index.on_plain_columns() &&
             std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(), [&](const schema::ForeignKey& key) {
               return key.name == index.name && key.columns == index.key_columns();
             });
    });
  }

  static std::string to_lower(std::string text) {
    for (char& c : text)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
  }

  Connection& connection_;
  std::vector<std::string> ignore_;
  schema::Schema schema_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::unordered_map<std::string, std::string> collation_;  // table name -> its default collation
};

}  // namespace

schema::Schema introspect_database(Connection& connection, const std::vector<std::string>& ignore) {
  return CatalogReader(connection, ignore).read();
}

}  // namespace dbmig::dialect::mysql
