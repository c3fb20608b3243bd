// Revision-file steps -> ops (ops/yaml.hpp). Every body is checked key by key, with the reader
// models.yaml uses, so a typo in a hand-edited revision is reported at its file:line:column with
// the valid keys.
#include <algorithm>
#include <type_traits>
#include <utility>

#include "dialect/registry.hpp"
#include "model/index_terms.hpp"
#include "model/model.hpp"
#include "model/reference.hpp"
#include "model/yaml_value.hpp"
#include "ops/op_kinds.hpp"
#include "ops/yaml.hpp"
#include "util/text.hpp"

namespace dbmig::ops {

namespace {

using Keys = std::vector<std::string>;
using model::Mapping;
using model::Value;

// The body of one step (`- kind: body`) and what reading it needs.
struct Step {
  Value body;  // named by its kind in messages
  const schema::NamingConvention& naming;

  const model::YamlNode& node() const { return body.node(); }
  Mapping mapping(const Keys& allowed) const { return body.mapping(allowed); }
  // For a body whose keys a model reader checks (create_table, add_column).
  Mapping unchecked_mapping() const { return body.named_entries("write key: value pairs"); }
};

// The keys of an op on an existing table, then its own.
Keys on_table_keys(std::initializer_list<std::string> own) {
  Keys keys{"table", "schema"};
  keys.insert(keys.end(), own);
  return keys;
}

std::string text(const Mapping& body, std::string_view key) { return body.require(key).text(); }

std::optional<std::string> optional_text(const Mapping& body, std::string_view key) {
  const auto value = body.get(key);
  return value ? value->optional_text() : std::nullopt;
}

std::optional<bool> optional_flag(const Mapping& body, std::string_view key) {
  const auto value = body.get(key);
  if (!value || value->is_null()) return std::nullopt;
  return value->boolean();
}

TableName target_of(const Mapping& body) {
  return TableName{text(body, "table"), optional_text(body, "schema").value_or("")};
}

schema::Type type_of(const Value& value) {
  const std::string text = value.text();
  try {
    return schema::parse_type(text);
  } catch (const schema::TypeError& error) {
    value.fail("bad type '" + text + "' for " + value.what() + ": " + error.problem(), error.advice());
  }
}

schema::ReferentialAction action_of(const Mapping& body, std::string_view key) {
  const auto value = body.get(key);
  return value && !value->is_null() ? model::parse_action(*value) : schema::ReferentialAction::no_action;
}

std::vector<std::string> columns_of(const Mapping& body) {
  const Value value = body.require("columns");
  auto columns = value.texts();
  if (columns.empty()) value.fail(value.what() + " must name at least one column");
  return columns;
}

// An index or constraint name: as written (it names a database object, so it is taken as is),
// or from the naming convention when left out.
std::string name_or_convention(const Mapping& body, const std::string& pattern, const TableName& table,
                               const std::vector<std::string>& columns, std::string_view referred_table = {}) {
  if (auto name = optional_text(body, "name")) return *name;
  if (auto name = schema::NamingConvention::resolve(pattern, std::nullopt, table.name, columns, referred_table))
    return *name;
  body.value().fail(body.value().what() + " needs a 'name'", "the naming convention for it needs one");
}

// A value that is set, or set to null on purpose ("drop the default"), or not mentioned.
std::optional<std::optional<std::string>> change_of(const Mapping& body, std::string_view key) {
  const auto value = body.get(key);
  if (!value) return std::nullopt;
  return value->optional_text();
}

Op read(std::type_identity<CreateTable>, const Step& step) {
  const std::string name = text(step.unchecked_mapping(), "name");
  return CreateTable{model::read_table(step.body, name, step.naming, {"name"}, model::GivenNames::as_written)};
}

Op read(std::type_identity<DropTable>, const Step& step) {
  schema::Table table;
  if (step.node().is_scalar()) {
    table.name = step.node().text;
  } else {
    const Mapping body = step.mapping({"name", "schema"});
    table.name = text(body, "name");
    table.schema = optional_text(body, "schema").value_or("");
  }
  return DropTable{std::move(table)};
}

Op read(std::type_identity<RenameTable>, const Step& step) {
  const Mapping body = step.mapping({"name", "schema", "new_name"});
  return RenameTable{TableName{text(body, "name"), optional_text(body, "schema").value_or("")},
                     text(body, "new_name")};
}

Op read(std::type_identity<SetTableComment>, const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"comment", "existing_comment"}));
  return SetTableComment{target_of(body), body.require("comment").optional_text(),
                         optional_text(body, "existing_comment")};
}

Op read(std::type_identity<AddColumn>, const Step& step) {
  const Mapping body = step.unchecked_mapping();
  return AddColumn{target_of(body), model::read_column(step.body, text(body, "name"), {"table", "schema", "name"})};
}

Op read(std::type_identity<DropColumn>, const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"name"}));
  schema::Column column;
  column.name = text(body, "name");
  return DropColumn{target_of(body), std::move(column)};
}

Op read(std::type_identity<RenameColumn>, const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"name", "new_name"}));
  return RenameColumn{target_of(body), text(body, "name"), text(body, "new_name")};
}

template <class Rename>
Op read_rename(const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"name", "new_name"}));
  return Rename{target_of(body), text(body, "name"), text(body, "new_name")};
}
Op read(std::type_identity<RenameIndex>, const Step& step) { return read_rename<RenameIndex>(step); }
Op read(std::type_identity<RenameConstraint>, const Step& step) { return read_rename<RenameConstraint>(step); }

Op read(std::type_identity<AlterColumn>, const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"name", "type", "nullable", "default", "comment", "autoincrement",
                                                   "collate", "existing_type", "existing_nullable", "existing_default",
                                                   "existing_comment", "existing_autoincrement", "existing_collate"}));
  AlterColumn alter;
  alter.table = target_of(body);
  alter.column = text(body, "name");
  if (const auto type = body.get("type")) alter.type = type_of(*type);
  alter.nullable = optional_flag(body, "nullable");
  alter.default_sql = change_of(body, "default");
  alter.comment = change_of(body, "comment");
  if (const auto value = body.get("autoincrement"); value && !value->is_null()) {
    schema::Column after;
    model::read_autoincrement(*value, after);
    alter.autoincrement = after.autoincrement;
    alter.autoincrement_kind = after.autoincrement_kind;
  }
  alter.collation = change_of(body, "collate");
  if (!alter.type && !alter.nullable && !alter.default_sql && !alter.comment && !alter.autoincrement && !alter.collation)
    body.value().fail("alter_column changes nothing",
                      "give at least one of: type, nullable, default (null drops it), comment, autoincrement, "
                      "collate (null: the type's default)");

  // The column as it was, as far as the step says (autogenerate always says all of it).
  schema::Column& existing = alter.existing;
  existing.name = alter.column;
  if (const auto type = body.get("existing_type")) existing.type = type_of(*type);
  existing.nullable = optional_flag(body, "existing_nullable").value_or(true);
  existing.default_sql = optional_text(body, "existing_default");
  existing.comment = optional_text(body, "existing_comment");
  if (const auto value = body.get("existing_autoincrement"); value && !value->is_null())
    model::read_autoincrement(*value, existing);
  existing.collation = optional_text(body, "existing_collate");
  return alter;
}

Op read(std::type_identity<CreateIndex>, const Step& step) {
  Keys keys = on_table_keys({"name"});
  keys.insert(keys.end(), model::index_body_keys().begin(), model::index_body_keys().end());
  const Mapping body = step.mapping(keys);
  const TableName table = target_of(body);
  schema::Index index;
  model::read_index_body(body, index);
  const std::vector<std::string> columns = index.key_columns();
  if (columns.empty() && !body.find("name"))
    body.value().fail("an index on expressions only needs a 'name'");
  index.name = name_or_convention(body, step.naming.ix, table, columns);
  return CreateIndex{table, std::move(index)};
}

Op read(std::type_identity<DropIndex>, const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"name"}));
  schema::Index index;
  index.name = text(body, "name");
  return DropIndex{target_of(body), std::move(index)};
}

Op read(std::type_identity<AddPrimaryKey>, const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"name", "columns"}));
  const TableName table = target_of(body);
  schema::PrimaryKey key;
  key.columns = columns_of(body);
  key.name = name_or_convention(body, step.naming.pk, table, key.columns);
  return AddPrimaryKey{table, std::move(key)};
}

Op read(std::type_identity<AddUnique>, const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"name", "columns", "nulls_not_distinct", "deferrable", "initially"}));
  const TableName table = target_of(body);
  schema::UniqueConstraint unique;
  unique.columns = columns_of(body);
  model::read_unique_options(body, unique);
  unique.name = name_or_convention(body, step.naming.uq, table, unique.columns);
  return AddUnique{table, std::move(unique)};
}

Op read(std::type_identity<AddForeignKey>, const Step& step) {
  const Mapping body =
      step.mapping(on_table_keys({"name", "columns", "references", "on_delete", "on_update", "deferrable", "initially"}));
  const TableName table = target_of(body);
  schema::ForeignKey key;
  key.columns = columns_of(body);
  const Value references = body.require("references");
  const model::Reference target = model::parse_table_reference(references);
  key.referred_schema = target.schema;
  key.referred_table = target.table;
  key.referred_columns = target.columns;
  if (key.referred_columns.size() != key.columns.size())
    references.fail("create_foreign_key has " + std::to_string(key.columns.size()) + " column(s) but references " +
                    std::to_string(key.referred_columns.size()));
  key.on_delete = action_of(body, "on_delete");
  key.on_update = action_of(body, "on_update");
  model::read_deferrable(body, key);
  key.name = name_or_convention(body, step.naming.fk, table, key.columns, key.referred_table);
  return AddForeignKey{table, std::move(key)};
}

// Without a name the check is unnamed: the ck convention builds names from one, so it cannot
// name a check by itself. Downgrades write this to restore a check the database kept unnamed.
Op read(std::type_identity<AddCheck>, const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"name", "expr", "no_inherit"}));
  schema::CheckConstraint check{optional_text(body, "name").value_or(""), text(body, "expr")};
  check.no_inherit = optional_flag(body, "no_inherit").value_or(false);
  return AddCheck{target_of(body), std::move(check)};
}

// drop_primary_key may leave out the name: a table has one at most, and SQLite and MySQL name
// none. Its columns, when given (autogenerate writes them for a key without a name), are what the
// downgrade's create_primary_key restores.
Op read(std::type_identity<DropPrimaryKey>, const Step& step) {
  const Mapping body = step.mapping(on_table_keys({"name", "columns"}));
  schema::PrimaryKey key;
  key.name = optional_text(body, "name").value_or("");
  if (body.get("columns")) key.columns = columns_of(body);
  return DropPrimaryKey{target_of(body), std::move(key)};
}

// drop_unique, drop_foreign_key and drop_check name their constraint, or give its definition
// (the keys of the matching create_ step) for one the database keeps unnamed.
template <class Constraint>
Op read(std::type_identity<DropConstraint<Constraint>>, const Step& step) {
  if (!step.unchecked_mapping().get("name")) {
    auto definition = std::get<AddConstraint<Constraint>>(read(std::type_identity<AddConstraint<Constraint>>{}, step));
    definition.constraint.name.clear();  // not the convention's name: the constraint has none
    return DropConstraint<Constraint>{definition.table, std::move(definition.constraint)};
  }
  const Mapping body = step.mapping(on_table_keys({"name"}));
  Constraint constraint;
  constraint.name = text(body, "name");
  return DropConstraint<Constraint>{target_of(body), std::move(constraint)};
}

schema::EnumType enum_type_of(const Mapping& body) {
  schema::EnumType type{text(body, "name"), optional_text(body, "schema").value_or(""), {}};
  if (const auto values = body.get("values")) type.values = model::read_enum_values(*values, type.name);
  return type;
}

Op read(std::type_identity<CreateEnum>, const Step& step) {
  const Mapping body = step.mapping({"name", "schema", "values"});
  body.require("values", "list the type's values: values: [pending, shipped]");
  return CreateEnum{enum_type_of(body)};
}

Op read(std::type_identity<DropEnum>, const Step& step) { return DropEnum{enum_type_of(step.mapping({"name", "schema", "values"}))}; }

Op read(std::type_identity<AlterEnum>, const Step& step) {
  const Mapping body = step.mapping({"name", "schema", "values", "existing_values"});
  body.require("values", "list the type's values after the change: values: [pending, shipped, lost]");
  const Value existing = body.require("existing_values", "list the type's values before the change");
  schema::EnumType type = enum_type_of(body);
  std::vector<std::string> existing_values = model::read_enum_values(existing, type.name);
  return AlterEnum{std::move(type), std::move(existing_values)};
}

Op read(std::type_identity<Sql>, const Step& step) {
  if (step.node().is_scalar()) return Sql{step.node().text, {}};
  // One key per registered dialect, and `default` for the others.
  const Keys dialects = dialect::dialect_names();
  Keys keys = dialects;
  keys.push_back("default");
  const Mapping body = step.mapping(keys);
  if (body.entries().empty())
    body.value().fail("sql needs the SQL text",
                      "write sql: \"...\" or per dialect sql: {" + util::join(dialects, ": \"...\", ") + ": \"...\"}");
  Sql sql{optional_text(body, "default"), {}};
  for (const std::string& dialect : dialects)
    if (auto text_for_dialect = optional_text(body, dialect)) sql.per_dialect.emplace(dialect, std::move(*text_for_dialect));
  return sql;
}

Op read(std::type_identity<Fail>, const Step& step) { return Fail{step.body.named("the fail message").text()}; }

// Reads the body as the op kind with the given variant index.
template <std::size_t... Index>
Op read_kind(std::size_t index, const Step& step, std::index_sequence<Index...>) {
  using Reader = Op (*)(const Step&);
  static constexpr Reader readers[] = {
      [](const Step& s) { return read(std::type_identity<std::variant_alternative_t<Index, Op>>{}, s); }...};
  return readers[index](step);
}

}  // namespace

Op from_yaml(const model::Value& step, const schema::NamingConvention& naming) {
  if (!step.is_mapping() || step.node().items.size() != 1)
    step.fail("a step must be one 'kind: body' pair", "e.g. - add_column: {table: users, name: age, type: integer}");
  const Mapping pair = step.named_entries("");
  const model::Entry& entry = pair.entries().front();
  const std::string& kind = entry.key;
  const auto found = std::find(detail::kind_names.begin(), detail::kind_names.end(), kind);
  if (found == detail::kind_names.end()) {
    const Keys kinds(detail::kind_names.begin(), detail::kind_names.end());
    throw usage_error("unknown step '" + kind + "'", entry.key_where(), util::unknown_name_hint(kind, kinds, "valid steps"));
  }
  const Step body{entry.value.named(kind), naming};
  return read_kind(static_cast<std::size_t>(found - detail::kind_names.begin()), body,
                   std::make_index_sequence<std::variant_size_v<Op>>{});
}

Op from_yaml(const YAML::Node& step, std::string_view file, const schema::NamingConvention& naming) {
  return from_yaml(Value::at_node(step, file, "the step"), naming);
}

}  // namespace dbmig::ops
