#include "cli/op_summary.hpp"

#include <type_traits>

#include "util/text.hpp"

namespace dbmig::cli {

namespace {

std::string qualified(const ops::TableName& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

std::string qualified(const schema::Table& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

std::string show_default(const std::optional<std::string>& value) { return value ? *value : "none"; }

std::string alter_details(const ops::AlterColumn& alter) {
  std::vector<std::string> changes;
  if (alter.type) changes.push_back("type " + schema::to_string(alter.existing.type) + " -> " + schema::to_string(*alter.type));
  if (alter.nullable) changes.push_back(*alter.nullable ? "nullable" : "not null");
  if (alter.default_sql)
    changes.push_back("default " + show_default(alter.existing.default_sql) + " -> " + show_default(*alter.default_sql));
  if (alter.comment) changes.push_back("comment");
  if (alter.autoincrement && !*alter.autoincrement) changes.push_back("no autoincrement");
  if (alter.autoincrement && *alter.autoincrement) {
    const bool plain = alter.autoincrement_kind == schema::AutoincrementKind::identity;
    changes.push_back(plain ? "autoincrement" : "autoincrement " + schema::to_string(alter.autoincrement_kind));
  }
  if (alter.collation)
    changes.push_back("collate " + alter.existing.collation.value_or("default") + " -> " + alter.collation->value_or("default"));
  return util::join(changes, ", ");
}

template <class Constraint>
std::string constraint_word() {
  if constexpr (std::is_same_v<Constraint, schema::PrimaryKey>) return "primary key";
  if constexpr (std::is_same_v<Constraint, schema::UniqueConstraint>) return "unique constraint";
  if constexpr (std::is_same_v<Constraint, schema::ForeignKey>) return "foreign key";
  if constexpr (std::is_same_v<Constraint, schema::CheckConstraint>) return "check constraint";
}

// The constraint's name or, for one without (e.g. an unnamed SQLite key), what identifies it.
template <class Constraint>
std::string constraint_label(const Constraint& constraint) {
  if (!constraint.name.empty()) return constraint.name + " ";
  if constexpr (std::is_same_v<Constraint, schema::CheckConstraint>) return "(" + constraint.expression + ") ";
  else return "(" + util::join(constraint.columns, ", ") + ") ";
}

// "order_status (pending, shipped)"
std::string enum_label(const schema::EnumType& type) {
  std::string values;
  for (const auto& value : type.values) values += (values.empty() ? "" : ", ") + value;
  return schema::enum_reference(type.schema, type.name) + " (" + values + ")";
}

struct Summarizer {
  std::string operator()(const ops::CreateTable& op) const { return "create table " + qualified(op.table); }
  std::string operator()(const ops::DropTable& op) const { return "drop table " + qualified(op.table); }
  std::string operator()(const ops::RenameTable& op) const {
    return "rename table " + qualified(op.table) + " to " + op.new_name;
  }
  std::string operator()(const ops::SetTableComment& op) const { return "set comment on table " + qualified(op.table); }
  std::string operator()(const ops::AddColumn& op) const {
    return "add column " + qualified(op.table) + "." + op.column.name + " " + schema::to_string(op.column.type);
  }
  std::string operator()(const ops::DropColumn& op) const {
    return "drop column " + qualified(op.table) + "." + op.column.name;
  }
  std::string operator()(const ops::RenameColumn& op) const {
    return "rename column " + qualified(op.table) + "." + op.old_name + " to " + op.new_name;
  }
  std::string operator()(const ops::AlterColumn& op) const {
    return "alter column " + qualified(op.table) + "." + op.column + " (" + alter_details(op) + ")";
  }
  std::string operator()(const ops::CreateIndex& op) const {
    return std::string("create ") + (op.index.unique ? "unique " : "") + "index " + op.index.name + " on " +
           qualified(op.table);
  }
  std::string operator()(const ops::DropIndex& op) const {
    return "drop index " + op.index.name + " on " + qualified(op.table);
  }
  template <class C>
  std::string operator()(const ops::AddConstraint<C>& op) const {
    return "add " + constraint_word<C>() + " " + constraint_label(op.constraint) + "on " + qualified(op.table);
  }
  template <class C>
  std::string operator()(const ops::DropConstraint<C>& op) const {
    return "drop " + constraint_word<C>() + " " + constraint_label(op.constraint) + "on " + qualified(op.table);
  }
  std::string operator()(const ops::RenameIndex& op) const {
    return "rename index " + op.old_name + " on " + qualified(op.table) + " to " + op.new_name;
  }
  std::string operator()(const ops::RenameConstraint& op) const {
    return "rename constraint " + op.old_name + " on " + qualified(op.table) + " to " + op.new_name;
  }
  std::string operator()(const ops::CreateEnum& op) const { return "create enum type " + enum_label(op.type); }
  std::string operator()(const ops::DropEnum& op) const {
    return "drop enum type " + schema::enum_reference(op.type.schema, op.type.name);
  }
  std::string operator()(const ops::AlterEnum& op) const { return "change enum type " + enum_label(op.type); }
  std::string operator()(const ops::Sql&) const { return "raw SQL"; }
  std::string operator()(const ops::Fail& op) const { return "manual step: " + op.message; }
};

}  // namespace

std::string summarize(const ops::Op& op) { return std::visit(Summarizer{}, op); }

}  // namespace dbmig::cli
