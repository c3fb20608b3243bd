#pragma once
// The text of a foreign key's target: "users.id" on a column, "users(id)" at table level, each
// optionally schema-qualified ("auth.users.id", "auth.users(id, tenant)"). A name holding one of
// . ( ) , or a double quote, or starting or ending with a space, is written in double quotes, a
// quote in it doubled: "v1.2".id, users("a,b").
#include <string>
#include <vector>

#include "model/yaml_tree.hpp"
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

// A foreign key's `deferrable: true` and `initially: deferred | immediate` (the latter only with
// the former), into `foreign_key`; errors at the values. The keys of a foreign key in models.yaml
// and of a create_foreign_key step alike.
void read_deferrable(const Mapping& mapping, schema::ForeignKey& foreign_key);
void read_deferrable(const Mapping& mapping, schema::UniqueConstraint& unique);  // the same keys
// Their inverse: adds the keys a deferrable key needs to `node`.
void write_deferrable(const schema::ForeignKey& foreign_key, YamlNode& node);
void write_deferrable(const schema::UniqueConstraint& unique, YamlNode& node);

// The inverse of the parsers, for the writer.
std::string column_reference_text(const schema::ForeignKey& foreign_key);
std::string table_reference_text(const schema::ForeignKey& foreign_key);

}  // namespace dbmig::model
