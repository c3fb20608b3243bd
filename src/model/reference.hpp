#pragma once
// The text of a foreign key's target: "users.id" on a column, "users(id)" at table level, each
// optionally schema-qualified ("auth.users.id", "auth.users(id, tenant)"). A name holding one of
// . ( ) , or a double quote, or starting or ending with a space, is written in double quotes, a
// quote in it doubled: "v1.2".id, users("a,b").
#include <string>
#include <vector>

#include "model/yaml_value.hpp"
#include "schema/schema.hpp"

namespace dbmig::model {

struct Reference {
  std::string schema;  // empty: the referring table's schema
  std::string table;
  std::vector<std::string> columns;
};

// A column's `references: table.column`; errors at `value`.
Reference parse_column_reference(const Value& value);
// A foreign key's `references: table(a, b)`; errors at `value`.
Reference parse_table_reference(const Value& value);

// A foreign key's on_delete/on_update: cascade, set null, ...; errors at `value`.
schema::ReferentialAction parse_action(const Value& value);

// The inverse of the parsers, for the writer.
std::string column_reference_text(const schema::ForeignKey& foreign_key);
std::string table_reference_text(const schema::ForeignKey& foreign_key);

}  // namespace dbmig::model
