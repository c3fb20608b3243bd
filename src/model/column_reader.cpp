// A column mapping: {type: string(80), nullable: false, default: "''", ...}.
#include <algorithm>
#include <stdexcept>

#include "model/detail.hpp"
#include "model/model.hpp"
#include "util/text.hpp"

namespace dbmig::model {

namespace detail {

const std::vector<std::string> column_constraint_keys = {"primary_key", "unique", "index", "references",
                                                         "on_delete", "on_update"};
const std::vector<std::string> column_keys = {"type",       "nullable",  "primary_key", "unique",
                                              "index",      "default",   "references",  "on_delete",
                                              "on_update",  "comment",   "renamed_from", "autoincrement",
                                              "collate",    "generated"};

namespace {

schema::Type read_type(const Value& value) {
  try {
    return schema::parse_type(value.text());
  } catch (const schema::TypeError& error) {
    value.fail("bad type '" + value.text() + "': " + error.problem(), error.advice());
  }
}

// `native(citext)` rather than `citext`: the database's own type, meant as written.
bool written_as_native(std::string_view text) {
  const std::string lowered = util::lower_ascii(text);
  std::size_t at = lowered.find_first_not_of(" \t");
  if (at == std::string::npos || lowered.compare(at, 6, "native") != 0) return false;
  at = lowered.find_first_not_of(" \t", at + 6);
  return at != std::string::npos && lowered[at] == '(';
}

// A server default is SQL text written as a YAML scalar: `default: 0`, `default: CURRENT_TIMESTAMP`,
// `default: "'user'"`. YAML null means no default.
std::optional<std::string> read_default(const Value& value) {
  const auto text = value.optional_text();
  if (text && text->empty())
    value.fail("empty default", "a default is SQL text: for an empty string write default: \"''\"");
  return text;
}

// `collate: NOCASE`: a collation name, written as the database names it (no quotes).
std::string read_collation(const Value& value) {
  std::string name = value.text();
  if (name.empty() || name.find('"') != std::string::npos)
    value.fail("bad collation '" + name + "'", "write the collation's name without quotes: collate: NOCASE, collate: C");
  return name;
}

// `generated: {expr: "w * h", stored: true}`.
schema::Generated read_generated(const Value& value) {
  const Mapping mapping = value.named("generated").mapping({"expr", "stored"});
  schema::Generated generated;
  const Value expression = mapping.require("expr", "write generated: {expr: \"price * qty\", stored: true}");
  generated.expression = expression.text();
  if (generated.expression.empty()) expression.fail("empty generated expression", "give the SQL expression the column's value is");
  if (const auto stored = mapping.get("stored")) generated.stored = stored->boolean();
  return generated;
}


}  // namespace

ColumnRead read_column_entry(const Mapping& mapping, std::string name) {
  ColumnRead read;
  schema::Column& column = read.column;
  ColumnFlags& flags = read.flags;
  column.name = std::move(name);
  const Value type = mapping.require("type", "give the column a type, e.g. {type: integer}");
  column.type = read_type(type);
  if (column.type.kind == schema::TypeKind::native && !written_as_native(type.text())) flags.bare_native_type = type.where();

  if (const auto value = mapping.get("nullable")) {
    column.nullable = value->boolean();
    flags.nullable = value;
  }
  if (const auto value = mapping.get("default")) column.default_sql = read_default(*value);
  if (const auto value = mapping.get("comment")) column.comment = value->optional_text();
  if (const auto value = mapping.get("renamed_from")) column.renamed_from = value->text();
  if (const auto value = mapping.get("autoincrement")) {
    read_autoincrement(*value, column);
    if (column.autoincrement && !schema::is_integer_type(column.type))
      value->fail("autoincrement needs an integer column, not " + schema::to_string(column.type),
                  "use type integer, bigint or smallint, or remove autoincrement");
    flags.autoincrement = value;
  }

  if (const auto value = mapping.get("collate")) column.collation = read_collation(*value);
  if (const auto value = mapping.get("generated")) {
    column.generated = read_generated(*value);
    if (column.default_sql)
      value->fail("a generated column cannot have a default", "remove default: its value is the generated expression's");
    if (column.autoincrement)
      value->fail("a generated column cannot autoincrement", "remove autoincrement or generated");
  }

  if (const auto value = mapping.get("primary_key")) flags.primary_key = value->boolean();
  if (const auto value = mapping.get("unique")) flags.unique = value->boolean();
  if (const auto value = mapping.get("index")) flags.index = value->boolean();
  if (const auto value = mapping.get("references")) {
    flags.references = parse_column_reference(*value);
    flags.references_where = value->where();
  }
  const auto read_reference_action = [&](const char* key, schema::ReferentialAction& action) {
    const auto value = mapping.get(key);
    if (!value) return;
    if (!flags.references)
      value->fail(std::string(key) + " without references",
                  "add references: table.column, or remove " + std::string(key));
    action = parse_action(*value);
  };
  read_reference_action("on_delete", flags.on_delete);
  read_reference_action("on_update", flags.on_update);
  return read;
}

}  // namespace detail

// autoincrement: true / false, or how the values come: identity, always, serial (PostgreSQL's
// three ways; see schema::AutoincrementKind).
void read_autoincrement(const Value& value, schema::Column& column) {
  const std::optional<std::string> word = value.optional_text();
  if (word && (*word == "identity" || *word == "always" || *word == "serial")) {
    column.autoincrement = true;
    column.autoincrement_kind = schema::parse_autoincrement_kind(*word);
    return;
  }
  if (word && !(*word == "true" || *word == "false" || *word == "yes" || *word == "no" || *word == "on" || *word == "off"))
    value.fail("expected true, false, identity, always or serial for autoincrement, got '" + *word + "'",
               "true: the database assigns the key's values; serial / always: PostgreSQL's serial column or "
               "GENERATED ALWAYS identity, on any integer column");
  column.autoincrement = value.boolean();
}

schema::Column read_column(const YAML::Node& node, std::string column_name, std::string_view file,
                           const std::vector<std::string>& caller_keys) {
  return read_column(Value::at_node(node, file, "column"), std::move(column_name), caller_keys);
}

schema::Column read_column(const Value& written, std::string column_name, const std::vector<std::string>& caller_keys) {
  const Value value = written.named("column '" + column_name + "'");
  std::vector<std::string> allowed = detail::column_keys;
  allowed.insert(allowed.end(), caller_keys.begin(), caller_keys.end());
  const Mapping mapping = value.mapping(allowed);
  // A lone column has no table to hold the constraints these flags would create.
  for (const auto& key : detail::column_constraint_keys)
    if (const Entry* entry = mapping.find(key))
      throw usage_error("'" + key + "' is only allowed on a column inside a table's columns", entry->key_where(),
                        "add the constraint with its own step (add_unique, create_index, add_foreign_key, ...)");
  detail::check_identifier(column_name, "column", value.where());
  return detail::read_column_entry(mapping, std::move(column_name)).column;
}

}  // namespace dbmig::model
