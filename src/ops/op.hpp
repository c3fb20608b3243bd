#pragma once
// Dialect-neutral migration operations: what a revision file's upgrade/downgrade lists hold.
// The diff produces them, a Dialect renders them to SQL, ops::apply evolves a Schema with them.
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "schema/schema.hpp"

namespace dbmig::ops {

// A table as ops name it: `schema` empty means the connection's default schema.
struct TableName {
  std::string name;
  std::string schema;
  bool operator==(const TableName&) const = default;
};

struct CreateTable {
  schema::Table table;  // the full definition, constraints included
  bool operator==(const CreateTable&) const = default;
};

struct DropTable {
  // The full definition when known (autogenerate always knows it; needed for the inverse);
  // a hand-written `drop_table: posts` fills in only the name.
  schema::Table table;
  bool operator==(const DropTable&) const = default;
};

struct RenameTable {
  TableName table;
  std::string new_name;
  bool operator==(const RenameTable&) const = default;
};

struct SetTableComment {
  TableName table;
  std::optional<std::string> comment;   // nullopt: remove the comment
  std::optional<std::string> existing;  // for the inverse
  bool operator==(const SetTableComment&) const = default;
};

struct AddColumn {
  TableName table;
  schema::Column column;
  bool operator==(const AddColumn&) const = default;
};

struct DropColumn {
  TableName table;
  schema::Column column;  // full definition when known; else only the name
  bool operator==(const DropColumn&) const = default;
};

struct RenameColumn {
  TableName table;
  std::string old_name;
  std::string new_name;
  bool operator==(const RenameColumn&) const = default;
};

// Changes some attributes of one column. Each optional is set only for an attribute that
// changes; `existing` is the column before (as complete as known), for the inverse and for
// dialects that must restate the whole column.
struct AlterColumn {
  TableName table;
  std::string column;
  schema::Column existing;
  std::optional<schema::Type> type;
  std::optional<bool> nullable;
  std::optional<std::optional<std::string>> default_sql;  // set to nullopt-inside: drop the default
  std::optional<std::optional<std::string>> comment;
  std::optional<bool> autoincrement;
  // With autoincrement: true, how (serial, identity, always); a change of kind alone is also
  // autoincrement: true, with existing.autoincrement_kind telling the kind before.
  schema::AutoincrementKind autoincrement_kind = schema::AutoincrementKind::identity;
  std::optional<std::optional<std::string>> collation;  // set to nullopt-inside: the type's default
  bool operator==(const AlterColumn&) const = default;
};

struct CreateIndex {
  TableName table;
  schema::Index index;
  bool operator==(const CreateIndex&) const = default;
};

struct DropIndex {
  TableName table;
  schema::Index index;  // full definition when known; else only the name
  bool operator==(const DropIndex&) const = default;
};

// Constraints other than indexes, one pair of op kinds per constraint type.
template <class Constraint>
struct AddConstraint {
  TableName table;
  Constraint constraint;
  bool operator==(const AddConstraint&) const = default;
};

template <class Constraint>
struct DropConstraint {
  TableName table;
  Constraint constraint;  // full definition when known; else only the name
  bool operator==(const DropConstraint&) const = default;
};

using AddPrimaryKey = AddConstraint<schema::PrimaryKey>;
using DropPrimaryKey = DropConstraint<schema::PrimaryKey>;
using AddUnique = AddConstraint<schema::UniqueConstraint>;
using DropUnique = DropConstraint<schema::UniqueConstraint>;
using AddForeignKey = AddConstraint<schema::ForeignKey>;
using DropForeignKey = DropConstraint<schema::ForeignKey>;
using AddCheck = AddConstraint<schema::CheckConstraint>;
using DropCheck = DropConstraint<schema::CheckConstraint>;

// A new name for an index, or for a primary key, unique, foreign key or check constraint, and no
// other change: what migrate writes when only the name differs (the models renamed it, or the
// database was named by another tool), instead of dropping and building it again.
struct RenameIndex {
  TableName table;
  std::string old_name;
  std::string new_name;
  bool operator==(const RenameIndex&) const = default;
};

struct RenameConstraint {
  TableName table;
  std::string old_name;
  std::string new_name;
  bool operator==(const RenameConstraint&) const = default;
};

// A named enum type (schema::EnumType) created or dropped. A drop carries the values when known
// (autogenerate always knows them; needed for the inverse).
struct CreateEnum {
  schema::EnumType type;
  bool operator==(const CreateEnum&) const = default;
};
struct DropEnum {
  schema::EnumType type;
  bool operator==(const DropEnum&) const = default;
};
// New values for a named enum type: `type.values` after, `existing_values` before. Values only
// added change the type in place; any removed or reordered rebuild it, converting every column
// of the type (which fails, and rolls back, while a row holds a removed value).
struct AlterEnum {
  schema::EnumType type;
  std::vector<std::string> existing_values;
  bool operator==(const AlterEnum&) const = default;
};

// Raw SQL written by the user: one text for every dialect, or one per dialect name.
struct Sql {
  std::optional<std::string> any_dialect;
  std::map<std::string, std::string> per_dialect;  // "sqlite" / "postgresql" -> SQL
  bool operator==(const Sql&) const = default;
};

// A step that cannot be carried out until the user writes it (e.g. the downgrade of a raw SQL
// step). Applying it fails with `message`.
struct Fail {
  std::string message;
  bool operator==(const Fail&) const = default;
};

// Every op compares equal member-wise (round-trip tests, "is the downgrade the exact inverse").
using Op = std::variant<CreateTable, DropTable, RenameTable, SetTableComment, AddColumn, DropColumn,
                        RenameColumn, AlterColumn, CreateIndex, DropIndex, AddPrimaryKey, DropPrimaryKey,
                        AddUnique, DropUnique, AddForeignKey, DropForeignKey, AddCheck, DropCheck, RenameIndex,
                        RenameConstraint, CreateEnum, DropEnum, AlterEnum, Sql, Fail>;

// The op's name in revision files: "create_table", "add_column", ...
std::string kind_name(const Op& op);

// The exact inverse of an op, for autogenerate's downgrade lists. Needs the full definitions
// that autogenerate puts in the ops; a raw Sql op reverses to a Fail step.
Op reverse(const Op& op);

// Evolve `schema` by one op, as the database would be changed. Used to know a table's definition
// before an op is rendered (SQLite rebuilds, offline --sql). Raw Sql and Fail change nothing.
// Throws dbmig::Error (usage) when the op names a table or column that does not exist.
void apply(schema::Schema& schema, const Op& op);

// The one table an op creates, drops, renames or changes; nullopt for an enum type, a raw sql or
// fail step.
std::optional<TableName> table_of(const Op& op);

// True when the op can lose data (drop table/column, type narrowing is the diff's business).
bool is_destructive(const Op& op);

}  // namespace dbmig::ops
