// Ops -> their revision-file form (ops/yaml.hpp). Bodies are flow mappings, one line per step,
// except create_table, whose columns are listed one per line so a reviewer can read them.
#include "model/model.hpp"
#include "model/reference.hpp"
#include "ops/op_kinds.hpp"
#include "ops/yaml.hpp"

namespace dbmig::ops {

namespace {

YAML::Node mapping() { return YAML::Node(YAML::NodeType::Map); }

YAML::Node list(const std::vector<std::string>& items) {
  YAML::Node node(YAML::NodeType::Sequence);
  for (const auto& item : items) node.push_back(item);
  return node;
}

// A text that may be absent: absent is written `null` (a dropped default, a removed comment).
YAML::Node text_or_null(const std::optional<std::string>& text) {
  return text ? YAML::Node(*text) : YAML::Node(YAML::NodeType::Null);
}

// The {table, schema} head every op on an existing table starts with.
YAML::Node on_table(const TableName& table) {
  YAML::Node body = mapping();
  body["table"] = table.name;
  if (!table.schema.empty()) body["schema"] = table.schema;
  return body;
}

YAML::Node named_on_table(const TableName& table, const std::string& name) {
  YAML::Node body = on_table(table);
  if (!name.empty()) body["name"] = name;
  return body;
}

// Appends every key of `from` but `skipped` to `to`, keeping their order.
void append_keys(YAML::Node& to, const YAML::Node& from, std::string_view skipped) {
  for (const auto& pair : from)
    if (pair.first.Scalar() != skipped) to[pair.first.Scalar()] = pair.second;
}

// create_table: the body and its columns in block style (one column per line), everything
// below that in flow style.
void style_table_body(YAML::Node& body) {
  body.SetStyle(YAML::EmitterStyle::Block);
  for (auto pair : body) {
    YAML::Node value = pair.second;
    if (pair.first.Scalar() == "columns" && value.IsMap()) {
      value.SetStyle(YAML::EmitterStyle::Block);
      for (auto column : value) column.second.SetStyle(YAML::EmitterStyle::Flow);
    } else if (value.IsSequence()) {
      value.SetStyle(YAML::EmitterStyle::Block);
      for (auto item : value) item.SetStyle(YAML::EmitterStyle::Flow);
    } else if (value.IsMap()) {
      value.SetStyle(YAML::EmitterStyle::Flow);
    }
  }
}

struct Writer {
  YAML::Node operator()(const CreateTable& op) const {
    YAML::Node body = mapping();
    body["name"] = op.table.name;
    append_keys(body, model::table_to_yaml(op.table), "name");
    style_table_body(body);
    return body;
  }

  YAML::Node operator()(const DropTable& op) const {
    if (op.table.schema.empty()) return YAML::Node(op.table.name);
    YAML::Node body = mapping();
    body["name"] = op.table.name;
    body["schema"] = op.table.schema;
    return body;
  }

  YAML::Node operator()(const RenameTable& op) const {
    YAML::Node body = mapping();
    body["name"] = op.table.name;
    if (!op.table.schema.empty()) body["schema"] = op.table.schema;
    body["new_name"] = op.new_name;
    return body;
  }

  YAML::Node operator()(const SetTableComment& op) const {
    YAML::Node body = on_table(op.table);
    body["comment"] = text_or_null(op.comment);
    if (op.existing) body["existing_comment"] = *op.existing;
    return body;
  }

  YAML::Node operator()(const AddColumn& op) const {
    YAML::Node body = named_on_table(op.table, op.column.name);
    append_keys(body, model::column_to_yaml(op.column), "name");
    return body;
  }

  YAML::Node operator()(const DropColumn& op) const { return named_on_table(op.table, op.column.name); }

  YAML::Node operator()(const RenameColumn& op) const {
    YAML::Node body = named_on_table(op.table, op.old_name);
    body["new_name"] = op.new_name;
    return body;
  }

  YAML::Node operator()(const AlterColumn& op) const {
    YAML::Node body = named_on_table(op.table, op.column);
    if (op.type) body["type"] = schema::to_string(*op.type);
    if (op.nullable) body["nullable"] = *op.nullable;
    if (op.default_sql) body["default"] = text_or_null(*op.default_sql);
    if (op.comment) body["comment"] = text_or_null(*op.comment);
    if (op.autoincrement) body["autoincrement"] = *op.autoincrement;
    // The column as it was: context for a reviewer, and what the inverse restores.
    const schema::Column& existing = op.existing;
    body["existing_type"] = schema::to_string(existing.type);
    body["existing_nullable"] = existing.nullable;
    if (existing.default_sql) body["existing_default"] = *existing.default_sql;
    if (existing.comment) body["existing_comment"] = *existing.comment;
    if (existing.autoincrement) body["existing_autoincrement"] = true;
    return body;
  }

  YAML::Node operator()(const CreateIndex& op) const {
    const schema::Index& index = op.index;
    YAML::Node body = named_on_table(op.table, index.name);
    if (!index.columns.empty()) body["columns"] = list(index.columns);
    if (!index.expressions.empty()) body["expressions"] = list(index.expressions);
    if (index.unique) body["unique"] = true;
    if (index.where) body["where"] = *index.where;
    return body;
  }

  YAML::Node operator()(const DropIndex& op) const { return named_on_table(op.table, op.index.name); }

  YAML::Node operator()(const AddPrimaryKey& op) const { return with_columns(op); }
  YAML::Node operator()(const AddUnique& op) const { return with_columns(op); }

  YAML::Node operator()(const AddForeignKey& op) const {
    const schema::ForeignKey& key = op.constraint;
    YAML::Node body = with_columns(op);
    body["references"] = model::table_reference_text(key);
    if (key.on_delete != schema::ReferentialAction::no_action) body["on_delete"] = schema::to_string(key.on_delete);
    if (key.on_update != schema::ReferentialAction::no_action) body["on_update"] = schema::to_string(key.on_update);
    return body;
  }

  YAML::Node operator()(const AddCheck& op) const {
    YAML::Node body = named_on_table(op.table, op.constraint.name);
    body["expr"] = op.constraint.expression;
    return body;
  }

  // A drop names its constraint; one the database keeps no name for (SQLite's unnamed UNIQUE,
  // CHECK and REFERENCES clauses) is given by its definition, which is how it is found.
  template <class Constraint>
  YAML::Node operator()(const DropConstraint<Constraint>& op) const {
    if (op.constraint.name.empty()) return (*this)(AddConstraint<Constraint>{op.table, op.constraint});
    return named_on_table(op.table, op.constraint.name);
  }

  YAML::Node operator()(const Sql& op) const {
    if (op.per_dialect.empty()) return YAML::Node(op.any_dialect.value_or(""));
    YAML::Node body = mapping();
    for (const auto& [dialect, text] : op.per_dialect) body[dialect] = text;
    if (op.any_dialect) body["default"] = *op.any_dialect;
    return body;
  }

  YAML::Node operator()(const Fail& op) const { return YAML::Node(op.message); }

 private:
  template <class Constraint>
  static YAML::Node with_columns(const AddConstraint<Constraint>& op) {
    YAML::Node body = named_on_table(op.table, op.constraint.name);
    body["columns"] = list(op.constraint.columns);
    return body;
  }
};

}  // namespace

YAML::Node to_yaml(const Op& op) {
  YAML::Node body = std::visit(Writer{}, op);
  if (!std::holds_alternative<CreateTable>(op)) body.SetStyle(YAML::EmitterStyle::Flow);
  YAML::Node step = mapping();
  step[std::string(detail::kind_names[op.index()])] = body;
  return step;
}

}  // namespace dbmig::ops
