// The inverse of each op. Autogenerate's downgrade is built from these, so every inverse must
// restore exactly what its op changed; that is why drop ops carry full definitions.
#include "ops/op.hpp"

namespace dbmig::ops {

namespace {

constexpr const char* raw_sql_downgrade_message =
    "the downgrade of a raw SQL step cannot be derived: replace this step with a `sql:` step that undoes it";

// The column as it is after `alter` ran: `existing` with every changed attribute applied.
schema::Column altered_column(const AlterColumn& alter) {
  schema::Column after = alter.existing;
  after.name = alter.column;
  if (alter.type) after.type = *alter.type;
  if (alter.nullable) after.nullable = *alter.nullable;
  if (alter.default_sql) after.default_sql = *alter.default_sql;
  if (alter.comment) after.comment = *alter.comment;
  if (alter.autoincrement) {
    after.autoincrement = *alter.autoincrement;
    after.autoincrement_kind = *alter.autoincrement ? alter.autoincrement_kind : schema::AutoincrementKind::identity;
  }
  if (alter.collation) after.collation = *alter.collation;
  return after;
}

AlterColumn reversed(const AlterColumn& alter) {
  AlterColumn back;
  back.table = alter.table;
  back.column = alter.column;
  back.existing = altered_column(alter);
  // Set back only what the op changed, to the value it had before.
  if (alter.type) back.type = alter.existing.type;
  if (alter.nullable) back.nullable = alter.existing.nullable;
  if (alter.default_sql) back.default_sql = alter.existing.default_sql;
  if (alter.comment) back.comment = alter.existing.comment;
  if (alter.autoincrement) {
    back.autoincrement = alter.existing.autoincrement;
    back.autoincrement_kind = alter.existing.autoincrement_kind;
  }
  if (alter.collation) back.collation = alter.existing.collation;
  return back;
}

struct Reverser {
  Op operator()(const CreateTable& op) const { return DropTable{op.table}; }
  Op operator()(const DropTable& op) const { return CreateTable{op.table}; }
  Op operator()(const RenameTable& op) const {
    return RenameTable{TableName{op.new_name, op.table.schema}, op.table.name};
  }
  Op operator()(const SetTableComment& op) const { return SetTableComment{op.table, op.existing, op.comment}; }
  Op operator()(const AddColumn& op) const { return DropColumn{op.table, op.column}; }
  Op operator()(const DropColumn& op) const { return AddColumn{op.table, op.column}; }
  Op operator()(const RenameColumn& op) const { return RenameColumn{op.table, op.new_name, op.old_name}; }
  Op operator()(const AlterColumn& op) const { return reversed(op); }
  Op operator()(const CreateIndex& op) const { return DropIndex{op.table, op.index}; }
  Op operator()(const DropIndex& op) const { return CreateIndex{op.table, op.index}; }
  template <class Constraint>
  Op operator()(const AddConstraint<Constraint>& op) const {
    return DropConstraint<Constraint>{op.table, op.constraint};
  }
  template <class Constraint>
  Op operator()(const DropConstraint<Constraint>& op) const {
    return AddConstraint<Constraint>{op.table, op.constraint};
  }
  Op operator()(const RenameIndex& op) const { return RenameIndex{op.table, op.new_name, op.old_name}; }
  Op operator()(const RenameConstraint& op) const { return RenameConstraint{op.table, op.new_name, op.old_name}; }
  Op operator()(const CreateEnum& op) const { return DropEnum{op.type}; }
  Op operator()(const DropEnum& op) const { return CreateEnum{op.type}; }
  Op operator()(const AlterEnum& op) const {
    return AlterEnum{schema::EnumType{op.type.name, op.type.schema, op.existing_values}, op.type.values};
  }
  Op operator()(const Sql&) const { return Fail{raw_sql_downgrade_message}; }
  // Nothing ran, so there is nothing to undo; but a step the user must write stays one.
  Op operator()(const Fail& op) const { return op; }
};

}  // namespace

Op reverse(const Op& op) { return std::visit(Reverser{}, op); }

}  // namespace dbmig::ops
