#pragma once
// The tables created earlier in the revision being linted. Such a table is empty while the rest
// of the revision runs, so building an index on it or adding a constraint locks nothing anyone
// waits for: lint reports nothing for it. Every other table is taken to exist with rows; lint has
// no database to ask, and a table that exists before the revision is the case that hurts.
#include <set>
#include <string>
#include <utility>

#include "ops/op.hpp"

namespace dbmig::lint {

class NewTables {
 public:
  void add(const ops::TableName& table) { tables_.emplace(table.schema, table.name); }
  // A new table renamed is still new, under its new name.
  void rename(const ops::TableName& table, const std::string& new_name) {
    if (contains(table)) add(ops::TableName{new_name, table.schema});
  }
  bool contains(const ops::TableName& table) const { return tables_.count({table.schema, table.name}) > 0; }

 private:
  std::set<std::pair<std::string, std::string>> tables_;  // (schema, name) as written
};

// "orders", "sales.orders": how findings name a table.
std::string shown_table(const ops::TableName& table);

}  // namespace dbmig::lint
