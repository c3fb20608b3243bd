// Evolves a schema model by one op the way the database changes: renames carry over to the
// indexes, constraints and foreign keys that name the renamed thing, expressions included;
// dropping a column drops the indexes and constraints built on it (as PostgreSQL does, and as a
// SQLite rebuild must).
#include <algorithm>
#include <string>
#include <type_traits>

#include "ops/expression_text.hpp"
#include "ops/op.hpp"
#include "ops/op_kinds.hpp"
#include "util/error.hpp"

namespace dbmig::ops {

namespace {

using schema::Table;

std::string display(const TableName& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void rename_in(std::vector<std::string>& names, std::string_view from, const std::string& to) {
  std::replace(names.begin(), names.end(), std::string(from), to);
}

// Whether 'key', declared on table 'owner', points at 'target' (an empty referred schema means
// the owner's own schema).
bool refers_to(const schema::ForeignKey& key, const Table& owner, const TableName& target) {
  const std::string& referred_schema = key.referred_schema.empty() ? owner.schema : key.referred_schema;
  return key.referred_table == target.name && referred_schema == target.schema;
}

// Equal apart from the name: how a hand-written, unnamed drop finds its constraint.
template <class Constraint>
bool same_definition(Constraint a, Constraint b) {
  a.name.clear();
  b.name.clear();
  return a == b;
}

// A check's expression as the database spells it may differ from the model's normalised text.
bool same_definition(const schema::CheckConstraint& a, const schema::CheckConstraint& b) {
  return detail::same_expression_text(a.expression, b.expression);
}

template <class Constraint>
bool matches(const Constraint& existing, const Constraint& wanted) {
  return wanted.name.empty() ? same_definition(existing, wanted) : existing.name == wanted.name;
}

// The table's list holding constraints of one type.
auto& list_of(Table& table, std::type_identity<schema::UniqueConstraint>) { return table.uniques; }
auto& list_of(Table& table, std::type_identity<schema::ForeignKey>) { return table.foreign_keys; }
auto& list_of(Table& table, std::type_identity<schema::CheckConstraint>) { return table.checks; }

class Applier {
 public:
  Applier(schema::Schema& schema, std::string_view kind) : schema_(schema), kind_(kind) {}

  void operator()(const CreateTable& op) {
    const TableName name{op.table.name, op.table.schema};
    if (schema_.find_table(name.name, name.schema))
      fail("table '" + display(name) + "' already exists", "drop it first or choose another name");
    schema_.tables.push_back(op.table);
  }

  void operator()(const DropTable& op) {
    const Table& doomed = table({op.table.name, op.table.schema});
    std::erase_if(schema_.tables, [&](const Table& t) { return &t == &doomed; });
  }

  void operator()(const RenameTable& op) {
    Table& renamed = table(op.table);
    const TableName target{op.new_name, op.table.schema};
    if (schema_.find_table(target.name, target.schema))
      fail("cannot rename '" + display(op.table) + "': table '" + display(target) + "' already exists");
    for (Table& owner : schema_.tables)
      for (auto& key : owner.foreign_keys)
        if (refers_to(key, owner, op.table)) key.referred_table = op.new_name;
    renamed.name = op.new_name;
  }

  void operator()(const SetTableComment& op) { table(op.table).comment = op.comment; }

  void operator()(const AddColumn& op) {
    Table& owner = table(op.table);
    if (owner.find_column(op.column.name))
      fail("table '" + display(op.table) + "' already has a column '" + op.column.name + "'");
    owner.columns.push_back(op.column);
  }

  void operator()(const DropColumn& op) {
    Table& owner = table(op.table);
    const std::string name = column(owner, op.table, op.column.name).name;
    std::erase_if(owner.columns, [&](const schema::Column& c) { return c.name == name; });
    const auto built_on_it = [&](const auto& item) { return contains(item.columns, name); };
    std::erase_if(owner.indexes, [&](const schema::Index& index) {
      return contains(index.key_columns(), name) || contains(index.include, name);
    });
    std::erase_if(owner.uniques, built_on_it);
    std::erase_if(owner.foreign_keys, built_on_it);
    if (owner.primary_key && built_on_it(*owner.primary_key)) owner.primary_key.reset();
  }

  void operator()(const RenameColumn& op) {
    Table& owner = table(op.table);
    schema::Column& renamed = column(owner, op.table, op.old_name);
    if (owner.find_column(op.new_name))
      fail("cannot rename column '" + op.old_name + "': table '" + display(op.table) + "' already has a column '" +
           op.new_name + "'");
    renamed.name = op.new_name;
    if (owner.primary_key) rename_in(owner.primary_key->columns, op.old_name, op.new_name);
    for (auto& index : owner.indexes) {
      for (auto& term : index.terms) {
        if (term.is_expression())
          term.expression = detail::rename_column_in_expression(term.expression, op.old_name, op.new_name);
        else if (term.column == op.old_name)
          term.column = op.new_name;
      }
      rename_in(index.include, op.old_name, op.new_name);
      if (index.where) index.where = detail::rename_column_in_expression(*index.where, op.old_name, op.new_name);
    }
    for (auto& check : owner.checks)
      check.expression = detail::rename_column_in_expression(check.expression, op.old_name, op.new_name);
    for (auto& unique : owner.uniques) rename_in(unique.columns, op.old_name, op.new_name);
    for (auto& key : owner.foreign_keys) rename_in(key.columns, op.old_name, op.new_name);
    for (Table& referring : schema_.tables)
      for (auto& key : referring.foreign_keys)
        if (refers_to(key, referring, op.table)) rename_in(key.referred_columns, op.old_name, op.new_name);
  }

  void operator()(const AlterColumn& op) {
    schema::Column& altered = column(table(op.table), op.table, op.column);
    if (op.type) altered.type = *op.type;
    if (op.nullable) altered.nullable = *op.nullable;
    if (op.default_sql) altered.default_sql = *op.default_sql;
    if (op.comment) altered.comment = *op.comment;
    if (op.autoincrement) {
      altered.autoincrement = *op.autoincrement;
      altered.autoincrement_kind = *op.autoincrement ? op.autoincrement_kind : schema::AutoincrementKind::identity;
    }
    if (op.collation) altered.collation = *op.collation;
  }

  void operator()(const CreateIndex& op) {
    Table& owner = table(op.table);
    std::vector<std::string> columns = op.index.key_columns();
    columns.insert(columns.end(), op.index.include.begin(), op.index.include.end());
    require_columns(owner, op.table, columns);
    if (std::any_of(owner.indexes.begin(), owner.indexes.end(), [&](auto& i) { return i.name == op.index.name; }))
      fail("table '" + display(op.table) + "' already has an index '" + op.index.name + "'");
    owner.indexes.push_back(op.index);
  }

  void operator()(const DropIndex& op) {
    Table& owner = table(op.table);
    const auto found = std::find_if(owner.indexes.begin(), owner.indexes.end(),
                                    [&](const schema::Index& index) { return matches(index, op.index); });
    if (found == owner.indexes.end()) missing("index", op.table, op.index.name);
    owner.indexes.erase(found);
  }

  void operator()(const AddPrimaryKey& op) {
    Table& owner = table(op.table);
    require_columns(owner, op.table, op.constraint.columns);
    if (owner.primary_key) fail("table '" + display(op.table) + "' already has a primary key", "drop it first");
    owner.primary_key = op.constraint;
  }

  void operator()(const DropPrimaryKey& op) {
    // A table has one primary key at most, so the name (SQLite reports none) is not needed.
    Table& owner = table(op.table);
    if (!owner.primary_key) missing("primary key", op.table, op.constraint.name);
    owner.primary_key.reset();
  }

  template <class Constraint>
  void operator()(const AddConstraint<Constraint>& op) {
    Table& owner = table(op.table);
    require_columns(owner, op.table, schema::columns_of(op.constraint));
    auto& list = list_of(owner, std::type_identity<Constraint>{});
    if (!op.constraint.name.empty() &&
        std::any_of(list.begin(), list.end(), [&](const Constraint& c) { return c.name == op.constraint.name; }))
      fail("table '" + display(op.table) + "' already has a constraint '" + op.constraint.name + "'");
    list.push_back(op.constraint);
  }

  template <class Constraint>
  void operator()(const DropConstraint<Constraint>& op) {
    Table& owner = table(op.table);
    auto& list = list_of(owner, std::type_identity<Constraint>{});
    const auto found =
        std::find_if(list.begin(), list.end(), [&](const Constraint& c) { return matches(c, op.constraint); });
    if (found == list.end()) missing("constraint", op.table, op.constraint.name);
    list.erase(found);
  }

  void operator()(const RenameIndex& op) {
    Table& owner = table(op.table);
    const auto named = [](const std::string& name) { return [&name](const schema::Index& i) { return i.name == name; }; };
    const auto found = std::find_if(owner.indexes.begin(), owner.indexes.end(), named(op.old_name));
    if (found == owner.indexes.end()) missing("index", op.table, op.old_name);
    if (std::any_of(owner.indexes.begin(), owner.indexes.end(), named(op.new_name)))
      fail("table '" + display(op.table) + "' already has an index '" + op.new_name + "'");
    found->name = op.new_name;
  }

  // A constraint of any kind: PostgreSQL's RENAME CONSTRAINT does not say which it is either.
  void operator()(const RenameConstraint& op) {
    Table& owner = table(op.table);
    std::vector<std::string*> names;
    if (owner.primary_key) names.push_back(&owner.primary_key->name);
    for (auto& unique : owner.uniques) names.push_back(&unique.name);
    for (auto& key : owner.foreign_keys) names.push_back(&key.name);
    for (auto& check : owner.checks) names.push_back(&check.name);
    const auto named = [](const std::string& name) { return [&name](const std::string* n) { return *n == name; }; };
    const auto found = std::find_if(names.begin(), names.end(), named(op.old_name));
    if (found == names.end()) missing("constraint", op.table, op.old_name);
    if (std::any_of(names.begin(), names.end(), named(op.new_name)))
      fail("table '" + display(op.table) + "' already has a constraint '" + op.new_name + "'");
    **found = op.new_name;
  }

  void operator()(const CreateEnum& op) {
    if (schema_.find_enum(op.type.name, op.type.schema))
      fail("enum type '" + schema::enum_reference(op.type.schema, op.type.name) + "' already exists");
    schema_.enums.push_back(op.type);
  }

  // A type the schema does not list is no error: SQLite's introspection reports none (its enum
  // columns are checks), and PostgreSQL refuses a drop or change of a missing type itself.
  void operator()(const DropEnum& op) {
    std::erase_if(schema_.enums, [&](const schema::EnumType& e) { return e.name == op.type.name && e.schema == op.type.schema; });
  }

  void operator()(const AlterEnum& op) {
    for (auto& enum_type : schema_.enums)
      if (enum_type.name == op.type.name && enum_type.schema == op.type.schema) enum_type.values = op.type.values;
    for (auto& owner : schema_.tables)
      for (auto& column : owner.columns)
        if (column.type.is_named_enum() && column.type.enum_name == op.type.name && column.type.enum_schema == op.type.schema)
          column.type.enum_values = op.type.values;
  }

  // Raw SQL is opaque, and a Fail step stops the run before anything changes.
  void operator()(const Sql&) {}
  void operator()(const Fail&) {}

 private:
  [[noreturn]] void fail(const std::string& what, std::string hint = {}) const {
    throw usage_error(std::string(kind_) + ": " + what, std::nullopt, std::move(hint));
  }

  [[noreturn]] void missing(std::string_view what, const TableName& name, const std::string& item) const {
    fail("table '" + display(name) + "' has no " + std::string(what) + (item.empty() ? "" : " '" + item + "'"),
         "check the name against the model, or the steps before this one");
  }

  Table& table(const TableName& name) {
    if (Table* found = schema_.find_table(name.name, name.schema)) return *found;
    fail("table '" + display(name) + "' does not exist", "check the table name, or the steps before this one");
  }

  schema::Column& column(Table& owner, const TableName& name, std::string_view column_name) {
    if (schema::Column* found = owner.find_column(column_name)) return *found;
    missing("column", name, std::string(column_name));
  }

  void require_columns(const Table& owner, const TableName& name, const std::vector<std::string>& columns) const {
    for (const auto& column_name : columns)
      if (!owner.find_column(column_name)) missing("column", name, column_name);
  }

  schema::Schema& schema_;
  std::string_view kind_;
};

}  // namespace

void apply(schema::Schema& schema, const Op& op) {
  std::visit(Applier(schema, detail::kind_names[op.index()]), op);
}

}  // namespace dbmig::ops
