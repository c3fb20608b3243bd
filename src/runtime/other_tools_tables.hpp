#pragma once
// Tables in which other migration tools (Alembic, Flyway, Rails, Django, ...) keep their own
// history. A database adopted from such a tool still has them; they are that tool's bookkeeping,
// not the application's schema, so `inspect` does not write them into models and autogenerate
// neither creates nor drops them, unless the models declare them (then they are the user's).
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.hpp"

namespace dbmig::runtime {

struct OtherToolTable {
  std::string name;       // as the database names it
  std::string schema;     // empty: the default schema
  std::string_view tool;  // "Alembic", "Flyway", ...
};

// Every name other_tool_of knows.
std::vector<std::string_view> other_tools_table_names();

// The tool whose bookkeeping table `table_name` is, or "" when it is no known tool's.
std::string_view other_tool_of(std::string_view table_name);

// Removes the other tools' bookkeeping tables from `live`, except those `declared` (the models,
// or nullptr) declares, and returns what it removed, in the order found.
std::vector<OtherToolTable> leave_out_other_tools_tables(schema::Schema& live, const schema::Schema* declared);

// "alembic_version (Alembic), schema_migrations (Rails, golang-migrate, dbmate)".
std::string describe(const std::vector<OtherToolTable>& tables);

}  // namespace dbmig::runtime
