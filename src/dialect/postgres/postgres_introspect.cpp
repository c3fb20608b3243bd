#include "dialect/postgres/postgres_introspect.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "dialect/common/catalog_rows.hpp"
#include "dialect/postgres/catalog_queries.hpp"
#include "dialect/postgres/enum_types.hpp"
#include "dialect/postgres/postgres_expression.hpp"
#include "dialect/postgres/postgres_types.hpp"

namespace dbmig::dialect::postgres {
namespace {

bool flag(const Row& row, std::size_t column) { return row.at(column) == std::optional<std::string>("t"); }

schema::ReferentialAction action_from_code(std::string_view code) {
  if (code == "c") return schema::ReferentialAction::cascade;
  if (code == "n") return schema::ReferentialAction::set_null;
  if (code == "d") return schema::ReferentialAction::set_default;
  if (code == "r") return schema::ReferentialAction::restrict;
  return schema::ReferentialAction::no_action;  // "a"
}

// The names in one column of a group of rows, NULLs skipped.
std::vector<std::string> names_in(const std::vector<Row>& rows, std::size_t first, std::size_t last,
                                  std::size_t column) {
  std::vector<std::string> names;
  for (std::size_t at = first; at < last; ++at) {
    if (rows[at].at(column)) names.push_back(*rows[at].at(column));
  }
  return names;
}

class CatalogReader {
 public:
  CatalogReader(Connection& connection, const std::vector<std::string>& ignore, const std::vector<std::string>& schemas)
      : connection_(connection), ignore_(ignore.begin(), ignore.end()), schemas_(schemas) {}

  schema::Schema read() {
    read_tables();
    read_enum_types();
    read_columns();
    read_constraints();
    read_indexes();
    fold_own_enum_types(schema_);
    return std::move(schema_);
  }

 private:
  schema::Table* find(const std::optional<std::string>& oid) {
    const auto it = oid ? by_oid_.find(*oid) : by_oid_.end();
    return it == by_oid_.end() ? nullptr : &schema_.tables[it->second];
  }

  void read_tables() {
    for (const Row& row : connection_.query(catalog::tables(schemas_))) {
      const bool in_current_schema = flag(row, 3);
      if (in_current_schema) schema_.unqualified_schema = row_text(row, 1);
      schema::Table table;
      table.name = row_text(row, 2);
      if (in_current_schema && ignore_.count(table.name) > 0) continue;
      if (!in_current_schema) table.schema = row_text(row, 1);
      table.comment = row.at(4);
      table.postgresql.unlogged = flag(row, 5);
      by_oid_.emplace(row_text(row, 0), schema_.tables.size());
      schema_.tables.push_back(std::move(table));
    }
  }

  // Read before the columns, which take their types from here. Always run, even for no enum
  // types, so that introspection runs the same number of queries every time.
  void read_enum_types() {
    for (const Row& row : connection_.query(catalog::enum_types(schemas_))) {
      auto [at, added] = enum_by_oid_.try_emplace(row_text(row, 0), schema_.enums.size());
      if (added) schema_.enums.push_back(schema::EnumType{row_text(row, 2), flag(row, 3) ? "" : row_text(row, 1), {}});
      if (const std::optional<std::string>& label = row.at(4)) schema_.enums[at->second].values.push_back(*label);
    }
  }

  void read_columns() {
    for (const Row& row : connection_.query(catalog::columns(schemas_))) {
      schema::Table* table = find(row.at(0));
      if (!table) continue;
      schema::Column column;
      column.name = row_text(row, 1);
      const auto enum_type = row.at(7) ? enum_by_oid_.find(*row.at(7)) : enum_by_oid_.end();
      if (enum_type != enum_by_oid_.end()) {
        const schema::EnumType& named = schema_.enums[enum_type->second];
        column.type.kind = schema::TypeKind::enumeration;
        column.type.enum_values = named.values;
        column.type.enum_name = named.name;
        column.type.enum_schema = named.schema;
      } else {
        column.type = read_type(row_text(row, 2)).type;
      }
      column.nullable = !flag(row, 3);
      column.default_sql = row.at(4);
      const bool identity = !row_text(row, 5).empty();
      const bool serial = flag(row, 6) && column.default_sql && is_sequence_default(*column.default_sql);
      column.autoincrement = identity || serial;
      if (row_text(row, 5) == "a") column.autoincrement_kind = schema::AutoincrementKind::always;
      if (serial && !identity) column.autoincrement_kind = schema::AutoincrementKind::serial;
      if (serial) column.default_sql.reset();  // the sequence is how it autoincrements
      column.comment = row.at(8);
      // A generated column's expression is stored as its default: 's' STORED, 'v' VIRTUAL (18+).
      if (const std::string generated = row_text(row, 9); !generated.empty() && column.default_sql) {
        column.generated = schema::Generated{*column.default_sql, generated == "s"};
        column.default_sql.reset();
      }
      column.collation = row.at(10);
      table->columns.push_back(std::move(column));
    }
  }

  void read_constraints() {
    const std::vector<Row> rows = connection_.query(catalog::constraints(schemas_));
    for_each_group(rows, [&](std::size_t first, std::size_t last) {
      schema::Table* table = find(rows[first].at(0));
      if (!table) return;
      const Row& head = rows[first];
      const std::string name = row_text(head, 1);
      const std::string type = row_text(head, 2);
      std::vector<std::string> columns = names_in(rows, first, last, 3);
      if (type == "p") {
        table->primary_key = schema::PrimaryKey{name, std::move(columns)};
      } else if (type == "u") {
        schema::UniqueConstraint unique;
        unique.name = name;
        unique.columns = std::move(columns);
        unique.deferrable = flag(head, 11);
        unique.initially_deferred = flag(head, 12);
        unique.nulls_not_distinct = flag(head, 13);
        table->uniques.push_back(std::move(unique));
      } else if (type == "c") {
        schema::CheckConstraint check{name, row_text(head, 10)};
        check.no_inherit = flag(head, 14);
        table->checks.push_back(std::move(check));
      } else if (type == "f") {
        schema::ForeignKey foreign_key;
        foreign_key.name = name;
        foreign_key.columns = std::move(columns);
        foreign_key.referred_table = row_text(head, 6);
        if (!flag(head, 7)) foreign_key.referred_schema = row_text(head, 5);
        foreign_key.referred_columns = names_in(rows, first, last, 4);
        foreign_key.on_delete = action_from_code(row_text(head, 8));
        foreign_key.on_update = action_from_code(row_text(head, 9));
        foreign_key.deferrable = flag(head, 11);
        foreign_key.initially_deferred = flag(head, 12);
        table->foreign_keys.push_back(std::move(foreign_key));
      }
    });
  }

  void read_indexes() {
    const std::vector<Row> rows = connection_.query(catalog::indexes(schemas_));
    for_each_group(rows, [&](std::size_t first, std::size_t last) {
      schema::Table* table = find(rows[first].at(0));
      if (!table) return;
      schema::Index index;
      index.name = row_text(rows[first], 1);
      index.unique = flag(rows[first], 2);
      for (std::size_t at = first; at < last; ++at) {
        const Row& row = rows[at];
        if (flag(row, 6)) {
          index.include.push_back(row_text(row, 3));
          continue;
        }
        schema::IndexTerm term = row.at(3) ? schema::IndexTerm::of_column(*row.at(3))
                                           : schema::IndexTerm::of_expression(row_text(row, 4));
        term.collate = row.at(9);
        term.opclass = row.at(10);
        const int option = std::stoi(row.at(8).value_or("0"));
        term.descending = (option & 1) != 0;
        // NULLS LAST ascending and NULLS FIRST descending are the defaults: no clause for them.
        if (const bool nulls_first = (option & 2) != 0; nulls_first != term.descending)
          term.nulls = nulls_first ? schema::NullsOrder::first : schema::NullsOrder::last;
        index.terms.push_back(std::move(term));
      }
      if (const std::string method = row_text(rows[first], 7); method != "btree") index.method = method;
      index.nulls_not_distinct = flag(rows[first], 11);
      index.where = rows[first].at(5);
      table->indexes.push_back(std::move(index));
    });
  }

  Connection& connection_;
  std::unordered_set<std::string> ignore_;
  std::vector<std::string> schemas_;
  schema::Schema schema_;
  std::unordered_map<std::string, std::size_t> by_oid_;
  std::unordered_map<std::string, std::size_t> enum_by_oid_;  // type oid -> index in schema_.enums
};

}  // namespace

schema::Schema introspect_database(Connection& connection, const std::vector<std::string>& ignore,
                                   const std::vector<std::string>& schemas) {
  return CatalogReader(connection, ignore, schemas).read();
}

}  // namespace dbmig::dialect::postgres
