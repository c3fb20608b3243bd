#pragma once
// The YAML form of ops in revision files:
//   - create_table: {name: posts, columns: {...}, primary_key: {...}, ...}
//   - add_column: {table: users, name: age, type: integer, nullable: true}
//   - sql: "UPDATE ..."   or   sql: {postgresql: "...", sqlite: "..."}
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "ops/op.hpp"
#include "schema/naming.hpp"

namespace dbmig::ops {

// One list item of an upgrade/downgrade list: a single-key mapping {kind: body}.
YAML::Node to_yaml(const Op& op);

// Reads one step; throws dbmig::Error (usage) with file:line:column for an unknown op kind,
// unknown or missing keys, bad types.
Op from_yaml(const YAML::Node& step, std::string_view file, const schema::NamingConvention& naming);

}  // namespace dbmig::ops
