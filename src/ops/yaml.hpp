#pragma once
// The YAML form of ops in revision files. Every op on a table may add `schema:` (PostgreSQL).
//   - create_table: {name: posts, <the table's models.yaml keys: columns, primary_key, indexes,
//                   unique, foreign_keys, checks, comment, schema>}
//   - drop_table: posts                 (or {name: posts, schema: blog})
//   - rename_table: {name: users, new_name: members}
//   - set_table_comment: {table: users, comment: text or null, existing_comment: ...}
//   - add_column: {table: users, name: age, type: integer, <column keys: nullable, default, ...>}
//   - drop_column: {table: users, name: age}
//   - rename_column: {table: users, name: email, new_name: mail}
//   - alter_column: {table: users, name: email, <only what changes: type, nullable, default
//                   (null drops it), comment, autoincrement (true, false, identity, always,
//                   serial)>, existing_type, existing_nullable, existing_default,
//                   existing_comment, existing_autoincrement}
//   - create_index: {table: users, name: ix_..., columns: [...], expressions: [...], unique, where,
//                   using, include, nulls_not_distinct}  (columns may hold term mappings:
//                   {column: a, order: desc, nulls: last, collate: "C", opclass: ...} or
//                   {expression: "lower(a)", ...}; model/index_terms.hpp)
//   - create_primary_key: {table: users, name: ..., columns: [a, b]}
//   - create_unique: {table: users, name: ..., columns: [a, b], nulls_not_distinct, deferrable,
//                   initially}
//   - create_foreign_key: {table: posts, name: ..., columns: [user_id], references: "users(id)",
//                         on_delete: cascade, on_update: ...}
//   - create_check: {table: users, name: ..., expr: "age > 0"}
//   - drop_index / drop_unique / drop_foreign_key / drop_check / drop_primary_key:
//                   {table: users, name: ...}   (drops name their object only; a constraint the
//                   database keeps unnamed is given by its definition instead, the keys of its
//                   create_ step without `name`; create_check without `name` is unnamed)
//   - sql: "UPDATE ..."   or   sql: {postgresql: "...", sqlite: "...", default: "..."}
//   - fail: "what the user must write here"
// Names of indexes and constraints are taken as written; a create_* step without one gets the
// naming convention's name. Bodies are written in flow style, one line per step, except
// create_table, which lists one column per line.
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "model/yaml_tree.hpp"
#include "ops/op.hpp"
#include "schema/naming.hpp"

namespace dbmig::model {
class Value;
}

namespace dbmig::ops {

// One list item of an upgrade/downgrade list: a single-key mapping {kind: body}.
model::YamlNode to_tree(const Op& op);
// The same as a yaml-cpp tree.
YAML::Node to_yaml(const Op& op);

// Reads one step; throws dbmig::Error (usage) with file:line:column for an unknown op kind,
// unknown or missing keys, bad types.
Op from_yaml(const model::Value& step, const schema::NamingConvention& naming);
// The same for a node of yaml-cpp's tree, read from `file`.
Op from_yaml(const YAML::Node& step, std::string_view file, const schema::NamingConvention& naming);

}  // namespace dbmig::ops
