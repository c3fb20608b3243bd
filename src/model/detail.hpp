#pragma once
// Internal to model/: the steps of reading a table that the loader, the table reader and the
// writers share. Not for use outside src/model.
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/reference.hpp"
#include "model/yaml_value.hpp"
#include "schema/naming.hpp"
#include "schema/schema.hpp"

namespace dbmig::model::detail {

// Keys of a column mapping, and the subset that only a table's columns may carry because they
// become table-level constraints.
extern const std::vector<std::string> column_keys;
extern const std::vector<std::string> column_constraint_keys;
extern const std::vector<std::string> table_keys;

// What a column's mapping says beyond the Column itself.
struct ColumnFlags {
  bool primary_key = false;
  bool unique = false;
  bool index = false;
  std::optional<Reference> references;
  schema::ReferentialAction on_delete = schema::ReferentialAction::no_action;
  schema::ReferentialAction on_update = schema::ReferentialAction::no_action;
  Location references_where;
  std::optional<Value> nullable;       // as written: nullable: true on a key column is an error
  std::optional<Value> autoincrement;  // as written: overrides the implied default
  // Where a type read as native was written by its bare name (not native(...)): a misspelt generic
  // type unless it names a declared enum type, which is known only once every file is read.
  std::optional<Location> bare_native_type;
};

struct ColumnRead {
  schema::Column column;
  ColumnFlags flags;
};

// One column mapping (its allowed keys already checked by `mapping`); any constraint flags
// present are read into flags.
ColumnRead read_column_entry(const Mapping& mapping, std::string name);

// A constraint or index as declared: its final name, the columns it names and where it was
// written, for the checks that run once the table (or the whole schema) is known.
struct Declaration {
  std::string kind;  // "index", "unique constraint", ... for messages
  std::string name;
  std::vector<std::string> columns;
  Location where;
};

// A table as read, with where its parts were declared.
struct LocatedTable {
  schema::Table table;
  GivenNames given_names = GivenNames::through_convention;
  Location where;                                   // the table's name
  std::vector<Location> column_where;               // each column's name, in table.columns order
  std::vector<std::optional<Location>> bare_native_types;  // ColumnFlags::bare_native_type, in that order
  std::vector<Declaration> declarations;            // every constraint and index
  std::vector<Location> foreign_key_references;     // each foreign key's `references`, in order
};

// The constraints and indexes of a table read from its table-level keys (flags folded
// elsewhere). Each list reader appends to `table` and its declarations.
void read_primary_key(const Value& value, LocatedTable& located, const schema::NamingConvention& naming);
void read_indexes(const Value& value, LocatedTable& located, const schema::NamingConvention& naming);
void read_uniques(const Value& value, LocatedTable& located, const schema::NamingConvention& naming);
void read_checks(const Value& value, LocatedTable& located, const schema::NamingConvention& naming);
void read_foreign_keys(const Value& value, LocatedTable& located, const schema::NamingConvention& naming);

// A constraint's name as written: `name:` (which the convention's %(name)s builds on) or
// `exact_name:` (the database's name as it is, which the convention leaves alone).
struct GivenName {
  std::string text;
  bool exact = false;
};

// The final name of a constraint: the user's (an exact one as it is, else through %(name)s when
// the pattern has it) or the convention's. An error at `where` when the convention needs a name
// that was not given.
std::string constraint_name(const Value& where, std::string_view kind, std::string_view pattern,
                            const std::optional<GivenName>& given, std::string_view table,
                            const std::vector<std::string>& columns, std::string_view referred_table = {});

// A non-empty list of distinct column names.
std::vector<std::string> read_column_list(const Value& value);

// Reads a table mapping whose allowed keys are table_keys plus `caller_keys`.
LocatedTable read_located_table(const Value& value, std::string name, Location name_where,
                                const schema::NamingConvention& naming, const std::vector<std::string>& caller_keys,
                                GivenNames given_names = GivenNames::through_convention);

// A table's declarations sorted by where they are written, so that of two clashing ones the
// error points at the later.
std::vector<const Declaration*> in_document_order(const std::vector<Declaration>& declarations);

// Checks within one table: the columns its constraints name exist, names are not repeated.
void check_table(const LocatedTable& located);
// Checks across tables: unique table names, foreign key targets, names unique in each schema.
void check_schema(const std::vector<LocatedTable>& tables, const NameRules& rules);

// A named enum type as declared (under `enums:`, or by a column's whole type), with where.
struct LocatedEnum {
  schema::EnumType type;
  Location where;
};
// Appends the enum types of a models document's `enums:` mapping.
void read_enums(const Value& value, std::vector<LocatedEnum>& enums);
// Makes each column naming a declared enum type (`type: order_status`) a column of that type,
// checks a column's whole named type (`enum order_status(a, b)`) against its declaration, and
// declares the ones `enums:` does not.
void resolve_enum_columns(std::vector<LocatedTable>& tables, std::vector<LocatedEnum>& enums);
// Once enum types are resolved: a type still native, written by its bare name, that misspells a
// generic one (schema::misspelt_generic_type) is an error at the type, with the suggestion.
void check_misspelt_types(const std::vector<LocatedTable>& tables);

// Whether the database assigns this column's values when the model does not say (SQLAlchemy's
// "auto"): the table's primary key is this one integer column, which neither refers to another
// table nor has a default.
bool implies_autoincrement(const schema::Table& table, const schema::Column& column);
// Whether autoincrement: true is allowed: the column is the whole primary key, of an integer type.
bool may_autoincrement(const schema::Table& table, const schema::Column& column);

// The name a table or column may have: not empty and within PostgreSQL's identifier length.
void check_identifier(std::string_view name, std::string_view kind, const Location& where);

}  // namespace dbmig::model::detail
