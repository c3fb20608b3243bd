#pragma once
// models.yaml <-> Schema. Errors carry file:line:column from yaml-cpp marks.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "model/yaml_tree.hpp"
#include "schema/naming.hpp"
#include "schema/schema.hpp"
#include "util/error.hpp"

namespace dbmig::model {

// Load and validate the declared schema from one or more models files (their `tables:` maps are
// merged; a table declared twice is an error). Column flags (primary_key, unique, index,
// references) become table-level constraints named by `naming` unless the user named them.
// Throws dbmig::Error (usage) with file:line:column and a hint.
// What the target database makes of names, for the checks a loaded model must pass there.
struct NameRules {
  bool fold_case = false;  // names equal but for ASCII case are one name (Dialect::names_fold_case)
};
schema::Schema load_files(const std::vector<std::filesystem::path>& files, const schema::NamingConvention& naming,
                          const NameRules& rules = {});
schema::Schema load_string(std::string_view yaml_text, std::string_view file_name,
                           const schema::NamingConvention& naming, const NameRules& rules = {});

// How a constraint's `name:` is read. In models.yaml it fills the naming convention's %(name)s
// (`positive` becomes `ck_orders_positive`; `exact_name:` opts out). A revision's create_table
// records what the database holds, so there every name is taken as written.
enum class GivenNames { through_convention, as_written };

// One table's mapping, in the models.yaml form (also used by a revision's create_table).
// `file` names the document for error locations. Validates the table on its own (columns named by
// its constraints exist), not references to other tables. `caller_keys` are further keys the
// caller reads itself from the same mapping (a create_table step's `name`): they are not
// reported as unknown.
schema::Table read_table(const YAML::Node& node, std::string table_name, std::string_view file,
                         const schema::NamingConvention& naming, const std::vector<std::string>& caller_keys = {});
// One column's mapping ({type: ..., nullable: ...}), without the table-level flags: primary_key,
// unique, index, references, on_delete and on_update are errors here. `caller_keys` as above
// (an add_column step's `table` and `name`).
schema::Column read_column(const YAML::Node& node, std::string column_name, std::string_view file,
                           const std::vector<std::string>& caller_keys = {});

// The same for a value read from a document (a revision step's body).
class Value;
schema::Table read_table(const Value& value, std::string table_name, const schema::NamingConvention& naming,
                         const std::vector<std::string>& caller_keys = {},
                         GivenNames given_names = GivenNames::through_convention);
schema::Column read_column(const Value& value, std::string column_name, const std::vector<std::string>& caller_keys = {});
// An autoincrement value into column.autoincrement and .autoincrement_kind: true / false, or the
// kind by name (identity, always, serial). Fails at the value's location on anything else.
void read_autoincrement(const Value& value, schema::Column& column);
// The values of enum type `name` from a YAML list: non-empty, distinct, within PostgreSQL's
// 63-byte label limit.
std::vector<std::string> read_enum_values(const Value& value, const std::string& name);

// The explicit form of a table/column that read_table/read_column read back to an equal value:
// every constraint at table level with its name. Mapping keys in a stable order.
YamlNode table_tree(const schema::Table& table);
YamlNode column_tree(const schema::Column& column);
// The same as yaml-cpp trees.
YAML::Node table_to_yaml(const schema::Table& table);
YAML::Node column_to_yaml(const schema::Column& column);

// A whole models.yaml document for a schema (used by `dbmig inspect`), written the way a person
// would: single-column constraints that have the convention's name become column flags
// (primary_key: true, unique: true, index: true, references: t.c), conventional names are left
// out, implied attributes (nullable: false on a key column, autoincrement on an integer key) too.
std::string schema_to_yaml(const schema::Schema& schema, const schema::NamingConvention& naming);
// The same with the default naming convention.
std::string schema_to_yaml(const schema::Schema& schema);

}  // namespace dbmig::model
