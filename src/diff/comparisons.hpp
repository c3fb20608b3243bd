#pragma once
// The comparisons the diff is made of, one file per kind of object. Each adds its ops to the
// plan in the phase they belong to. Tables are matched before any of these run, and renames are
// already applied to `live`, so equal names mean the same object.
#include <string>
#include <vector>

#include "diff/plan.hpp"
#include "schema/naming.hpp"
#include "schema/schema.hpp"

namespace dbmig::diff::detail {

// tables.cpp: table and column renames requested by `renamed_from` hints; the other
// comparisons then see `live` with these applied.
std::vector<ops::Op> find_renames(const schema::Schema& desired, const schema::Schema& live);
void compare_table_comment(const schema::Table& desired, const schema::Table& live, Plan& plan);

// enums.cpp: named enum types created, dropped, or given other values.
void compare_enums(const schema::Schema& desired, const schema::Schema& live, Plan& plan);

// columns.cpp
void compare_columns(const schema::Table& desired, const schema::Table& live, Plan& plan);

// indexes.cpp
void compare_indexes(const schema::Table& desired, const schema::Table& live, const schema::NamingConvention& naming,
                     Plan& plan);

// constraints.cpp: primary key, unique, foreign key and check constraints.
void compare_constraints(const schema::Table& desired, const schema::Table& live,
                         const schema::NamingConvention& naming, Plan& plan);

// Whether `name` is what the convention's `pattern` names this index or constraint of `table`.
// An index or constraint that differs only by its name is renamed only when the models' name is
// not that: otherwise renaming a table or a column would rename (on SQLite: rebuild for) every
// conventional name built on the old one, which nobody asked for.
bool named_by_convention(std::string_view pattern, const schema::Table& table, const std::string& name,
                         const std::vector<std::string>& columns, std::string_view referred_table = {});

// order.cpp: whole tables created or dropped, in foreign-key dependency order. `created` also
// serves the data-loss warnings of the dropped tables.
// `desired` / `live`: the schemas the tables are of (for their unqualified_schema).
void create_tables(const std::vector<const schema::Table*>& created, const schema::Schema& desired, Plan& plan);
void drop_tables(const std::vector<const schema::Table*>& dropped, const schema::Schema& live,
                 const std::vector<const schema::Table*>& created, Plan& plan);

// dependent_keys.cpp: unchanged foreign keys (in any table) that use a primary key, unique
// constraint or unique index the plan drops are dropped before it and added back after it
// (PostgreSQL refuses to drop a key a foreign key depends on). Run after every comparison.
void readd_dependent_foreign_keys(const schema::Schema& desired, const schema::Schema& live, Plan& plan);

// rename_hints.cpp: the warnings for a dropped column or table, naming the one added column (same
// type) or created table (same column names) it may have been renamed to.
std::string dropped_column_warning(const schema::Table& table, const schema::Column& dropped,
                                   const std::vector<const schema::Column*>& added);
std::string dropped_table_warning(const schema::Table& dropped, const std::vector<const schema::Table*>& created);

// Shared helpers (tables.cpp).
ops::TableName name_of(const schema::Table& table);
std::string display_name(const schema::Table& table);  // "users" or "billing.users"
// A hash key for a table by schema and name.
std::string table_key(const std::string& schema, const std::string& name);
// A table or column without the model-only `renamed_from` hints, as ops carry it.
schema::Table without_hints(schema::Table table);
schema::Column without_hints(schema::Column column);

}  // namespace dbmig::diff::detail
