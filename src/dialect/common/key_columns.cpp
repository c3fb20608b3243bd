#include "dialect/common/key_columns.hpp"

#include <algorithm>

namespace dbmig::dialect {

bool in_primary_key(const schema::Table& table, std::string_view column) {
  if (!table.primary_key) return false;
  const std::vector<std::string>& columns = table.primary_key->columns;
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

void fill_referred_columns(schema::Schema& schema) {
  for (schema::Table& table : schema.tables)
    for (schema::ForeignKey& foreign_key : table.foreign_keys) {
      if (!foreign_key.referred_columns.empty()) continue;
      const std::string& referred_schema = foreign_key.referred_schema.empty() ? table.schema : foreign_key.referred_schema;
      const schema::Table* referred = schema.find_table(foreign_key.referred_table, referred_schema);
      if (referred && referred->primary_key) foreign_key.referred_columns = referred->primary_key->columns;
    }
}

}  // namespace dbmig::dialect
