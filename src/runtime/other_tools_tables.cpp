#include "runtime/other_tools_tables.hpp"

#include <algorithm>
#include <array>

namespace dbmig::runtime {

namespace {

struct KnownTable {
  std::string_view name;
  std::string_view tool;
};

// Only names that no application would use for its own data: a generic name (`migrations`,
// `schema_version`) could be the user's table, and leaving a user's table out would hide it.
constexpr std::array known_tables{
    KnownTable{"alembic_version", "Alembic"},
    KnownTable{"flyway_schema_history", "Flyway"},
    KnownTable{"schema_migrations", "Rails, golang-migrate, dbmate"},
    KnownTable{"ar_internal_metadata", "Rails"},
    KnownTable{"django_migrations", "Django"},
    KnownTable{"knex_migrations", "Knex"},
    KnownTable{"knex_migrations_lock", "Knex"},
    KnownTable{"goose_db_version", "goose"},
    KnownTable{"__EFMigrationsHistory", "Entity Framework"},
    KnownTable{"databasechangelog", "Liquibase"},
    KnownTable{"databasechangeloglock", "Liquibase"},
    KnownTable{"SequelizeMeta", "Sequelize"},
    KnownTable{"_prisma_migrations", "Prisma"},
    KnownTable{"_sqlx_migrations", "SQLx"},
    KnownTable{"__diesel_schema_migrations", "Diesel"},
    KnownTable{"refinery_schema_history", "Refinery"},
    KnownTable{"atlas_schema_revisions", "Atlas"},
};

}  // namespace

std::vector<std::string_view> other_tools_table_names() {
  std::vector<std::string_view> names;
  for (const auto& known : known_tables) names.push_back(known.name);
  return names;
}

std::string_view other_tool_of(std::string_view table_name) {
  for (const auto& known : known_tables)
    if (known.name == table_name) return known.tool;
  return {};
}

std::vector<OtherToolTable> leave_out_other_tools_tables(schema::Schema& live, const schema::Schema* declared) {
  std::vector<OtherToolTable> left_out;
  std::erase_if(live.tables, [&](const schema::Table& table) {
    const std::string_view tool = other_tool_of(table.name);
    if (tool.empty()) return false;
    if (declared && declared->find_table(table.name, table.schema)) return false;
    left_out.push_back(OtherToolTable{table.name, table.schema, tool});
    return true;
  });
  return left_out;
}

std::string describe(const std::vector<OtherToolTable>& tables) {
  std::string text;
  for (const auto& table : tables) {
    if (!text.empty()) text += ", ";
    text += table.schema.empty() ? table.name : table.schema + "." + table.name;
    text += " (";
    text += table.tool;
    text += ")";
  }
  return text;
}

}  // namespace dbmig::runtime
