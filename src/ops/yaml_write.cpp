// Ops -> their revision-file form (ops/yaml.hpp). Bodies are flow mappings, one line per step,
// except create_table, whose columns are listed one per line so a reviewer can read them.
#include "model/index_terms.hpp"
#include "model/model.hpp"
#include "model/reference.hpp"
#include "ops/op_kinds.hpp"
#include "ops/yaml.hpp"

namespace dbmig::ops {

namespace {

using model::YamlNode;
using Style = YamlNode::Style;

// A text that may be absent: absent is written `null` (a dropped default, a removed comment).
YamlNode text_or_null(const std::optional<std::string>& text) { return text ? YamlNode::scalar(*text) : YamlNode::none(); }

// true / false, or the kind by name when it is not plain identity (serial, always).
void add_autoincrement(YamlNode& body, const char* key, bool autoincrement, schema::AutoincrementKind kind) {
  if (autoincrement && kind != schema::AutoincrementKind::identity) {
    body.add(key, schema::to_string(kind));
  } else {
    body.add(key, autoincrement);
  }
}

// The {table, schema} head every op on an existing table starts with.
YamlNode on_table(const TableName& table) {
  YamlNode body = YamlNode::mapping();
  body.add("table", table.name);
  if (!table.schema.empty()) body.add("schema", table.schema);
  return body;
}

YamlNode named_on_table(const TableName& table, const std::string& name) {
  YamlNode body = on_table(table);
  if (!name.empty()) body.add("name", name);
  return body;
}

// Appends every key of `from` but `skipped` to `to`, keeping their order.
void append_keys(YamlNode& to, YamlNode from, std::string_view skipped) {
  for (std::size_t i = 0; i < from.keys.size(); ++i)
    if (from.keys[i].text != skipped) to.add(std::move(from.keys[i].text), std::move(from.items[i]));
}

// create_table: the body and its columns in block style (one column per line), everything
// below that in flow style.
void style_table_body(YamlNode& body) {
  body.style = Style::block;
  for (std::size_t i = 0; i < body.items.size(); ++i) {
    YamlNode& value = body.items[i];
    if (body.keys[i].text == "columns" && value.is_mapping()) {
      value.style = Style::block;
      for (YamlNode& column : value.items) column.style = Style::flow;
    } else if (value.is_sequence()) {
      value.style = Style::block;
      for (YamlNode& item : value.items) item.style = Style::flow;
    } else if (value.is_mapping()) {
      value.style = Style::flow;
    }
  }
}

struct Writer {
  YamlNode operator()(const CreateTable& op) const {
    YamlNode body = YamlNode::mapping();
    body.add("name", op.table.name);
    append_keys(body, model::table_tree(op.table), "name");
    style_table_body(body);
    return body;
  }

  YamlNode operator()(const DropTable& op) const {
    if (op.table.schema.empty()) return YamlNode::scalar(op.table.name);
    YamlNode body = YamlNode::mapping();
    body.add("name", op.table.name);
    body.add("schema", op.table.schema);
    return body;
  }

  YamlNode operator()(const RenameTable& op) const {
    YamlNode body = YamlNode::mapping();
    body.add("name", op.table.name);
    if (!op.table.schema.empty()) body.add("schema", op.table.schema);
    body.add("new_name", op.new_name);
    return body;
  }

  YamlNode operator()(const SetTableComment& op) const {
    YamlNode body = on_table(op.table);
    body.add("comment", text_or_null(op.comment));
    if (op.existing) body.add("existing_comment", *op.existing);
    return body;
  }

  YamlNode operator()(const AddColumn& op) const {
    YamlNode body = named_on_table(op.table, op.column.name);
    append_keys(body, model::column_tree(op.column), "name");
    return body;
  }

  YamlNode operator()(const DropColumn& op) const { return named_on_table(op.table, op.column.name); }

  YamlNode operator()(const RenameColumn& op) const {
    YamlNode body = named_on_table(op.table, op.old_name);
    body.add("new_name", op.new_name);
    return body;
  }

  YamlNode operator()(const RenameIndex& op) const { return renamed(op); }
  YamlNode operator()(const RenameConstraint& op) const { return renamed(op); }

  template <class Rename>
  YamlNode renamed(const Rename& op) const {
    YamlNode body = named_on_table(op.table, op.old_name);
    body.add("new_name", op.new_name);
    return body;
  }

  YamlNode operator()(const AlterColumn& op) const {
    YamlNode body = named_on_table(op.table, op.column);
    if (op.type) body.add("type", schema::to_string(*op.type));
    if (op.nullable) body.add("nullable", *op.nullable);
    if (op.default_sql) body.add("default", text_or_null(*op.default_sql));
    if (op.comment) body.add("comment", text_or_null(*op.comment));
    if (op.autoincrement) add_autoincrement(body, "autoincrement", *op.autoincrement, op.autoincrement_kind);
    if (op.collation) body.add("collate", text_or_null(*op.collation));
    // The column as it was: context for a reviewer, and what the inverse restores.
    const schema::Column& existing = op.existing;
    body.add("existing_type", schema::to_string(existing.type));
    body.add("existing_nullable", existing.nullable);
    if (existing.default_sql) body.add("existing_default", *existing.default_sql);
    if (existing.comment) body.add("existing_comment", *existing.comment);
    if (existing.autoincrement)
      add_autoincrement(body, "existing_autoincrement", true, existing.autoincrement_kind);
    if (existing.collation) body.add("existing_collate", *existing.collation);
    return body;
  }

  YamlNode operator()(const CreateIndex& op) const {
    const schema::Index& index = op.index;
    YamlNode body = named_on_table(op.table, index.name);
    model::write_index_body(index, body);
    return body;
  }

  YamlNode operator()(const DropIndex& op) const { return named_on_table(op.table, op.index.name); }

  YamlNode operator()(const AddPrimaryKey& op) const { return with_columns(op); }
  YamlNode operator()(const AddUnique& op) const {
    YamlNode body = with_columns(op);
    model::write_unique_options(op.constraint, body);
    return body;
  }

  YamlNode operator()(const AddForeignKey& op) const {
    const schema::ForeignKey& key = op.constraint;
    YamlNode body = with_columns(op);
    body.add("references", model::table_reference_text(key));
    if (key.on_delete != schema::ReferentialAction::no_action) body.add("on_delete", schema::to_string(key.on_delete));
    if (key.on_update != schema::ReferentialAction::no_action) body.add("on_update", schema::to_string(key.on_update));
    model::write_deferrable(key, body);
    return body;
  }

  YamlNode operator()(const AddCheck& op) const {
    YamlNode body = named_on_table(op.table, op.constraint.name);
    body.add("expr", op.constraint.expression);
    if (op.constraint.no_inherit) body.add("no_inherit", true);
    return body;
  }

  // A drop names its constraint; one the database keeps no name for (SQLite's unnamed UNIQUE,
  // CHECK and REFERENCES clauses) is given by its definition, which is how it is found.
  template <class Constraint>
  YamlNode operator()(const DropConstraint<Constraint>& op) const {
    if (op.constraint.name.empty()) return (*this)(AddConstraint<Constraint>{op.table, op.constraint});
    return named_on_table(op.table, op.constraint.name);
  }

  YamlNode operator()(const Sql& op) const {
    if (op.per_dialect.empty()) return YamlNode::scalar(op.any_dialect.value_or(""));
    YamlNode body = YamlNode::mapping();
    for (const auto& [dialect, text] : op.per_dialect) body.add(dialect, text);
    if (op.any_dialect) body.add("default", *op.any_dialect);
    return body;
  }

  YamlNode operator()(const Fail& op) const { return YamlNode::scalar(op.message); }

  YamlNode operator()(const CreateEnum& op) const { return enum_body(op.type); }
  // A hand-written drop_enum may name only the type.
  YamlNode operator()(const DropEnum& op) const { return enum_body(op.type, !op.type.values.empty()); }
  YamlNode operator()(const AlterEnum& op) const {
    YamlNode body = enum_body(op.type);
    body.add("existing_values", YamlNode::list(op.existing_values, Style::flow));
    return body;
  }

 private:
  static YamlNode enum_body(const schema::EnumType& type, bool with_values = true) {
    YamlNode body = YamlNode::mapping();
    body.add("name", type.name);
    if (!type.schema.empty()) body.add("schema", type.schema);
    if (with_values) body.add("values", YamlNode::list(type.values, Style::flow));
    return body;
  }

  template <class Constraint>
  static YamlNode with_columns(const AddConstraint<Constraint>& op) {
    YamlNode body = named_on_table(op.table, op.constraint.name);
    body.add("columns", YamlNode::list(op.constraint.columns));
    return body;
  }
};

}  // namespace

YamlNode to_tree(const Op& op) {
  YamlNode body = std::visit(Writer{}, op);
  if (!std::holds_alternative<CreateTable>(op)) body.style = Style::flow;
  YamlNode step = YamlNode::mapping();
  step.add(std::string(detail::kind_names[op.index()]), std::move(body));
  return step;
}

YAML::Node to_yaml(const Op& op) { return model::yaml_cpp_of(to_tree(op)); }

}  // namespace dbmig::ops
