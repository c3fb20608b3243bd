// A column type that misspells a generic one (`interger`, `strng(80)`) would otherwise pass as a
// native type: SQLite would create a column of that name, PostgreSQL fail only at upgrade.
#include "model/detail.hpp"

namespace dbmig::model::detail {

void check_misspelt_types(const std::vector<LocatedTable>& tables) {
  for (const LocatedTable& located : tables) {
    for (std::size_t i = 0; i < located.table.columns.size() && i < located.bare_native_types.size(); ++i) {
      const std::optional<Location>& where = located.bare_native_types[i];
      const schema::Column& column = located.table.columns[i];
      if (!where) continue;
      const std::optional<std::string> generic = schema::misspelt_generic_type(column.type);
      if (!generic) continue;
      throw usage_error("unknown type '" + column.type.native + "' of column " + located.table.name + "." + column.name,
                        *where,
                        "did you mean '" + *generic + "'? If it is a type of your database spelled so, write native(" +
                            column.type.native + ")");
    }
  }
}

}  // namespace dbmig::model::detail
