#pragma once
// The one schema model: models.yaml and live-database introspection both produce it, the diff
// compares two of them, ops change one. Plain values; no YAML, no SQL.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/type.hpp"

namespace dbmig::schema {

enum class ReferentialAction { no_action, restrict, cascade, set_null, set_default };

// "cascade", "set null", "set_null", "restrict", "no action" (any case) -> action; throws
// std::invalid_argument on anything else.
ReferentialAction parse_referential_action(std::string_view text);
std::string to_string(ReferentialAction action);  // "cascade", "set null", ...
std::string to_sql(ReferentialAction action);     // "CASCADE", "SET NULL", ...

// A generated (computed) column: `GENERATED ALWAYS AS (expression) STORED|VIRTUAL`. Its value
// is the expression's, never written by an INSERT. PostgreSQL has only STORED ones.
struct Generated {
  std::string expression;  // SQL text, as written between the parentheses
  bool stored = false;     // STORED (kept in the row) rather than VIRTUAL (computed when read)
  bool operator==(const Generated&) const = default;
};

struct Column {
  std::string name;
  Type type;
  bool nullable = true;
  std::optional<std::string> default_sql;  // server default as SQL text: "0", "'user'", "CURRENT_TIMESTAMP"
  std::optional<std::string> comment;
  bool autoincrement = false;              // the database assigns values (rowid alias / identity)
  std::optional<std::string> renamed_from; // model hint only; never introspected
  // COLLATE name: how the column's text compares and sorts (SQLite NOCASE, PostgreSQL "C");
  // nullopt is the type's default collation.
  std::optional<std::string> collation;
  std::optional<Generated> generated;

  bool operator==(const Column&) const = default;
};

struct PrimaryKey {
  std::string name;
  std::vector<std::string> columns;
  bool operator==(const PrimaryKey&) const = default;
};

struct Index {
  std::string name;
  std::vector<std::string> columns;      // indexed columns, in order
  std::vector<std::string> expressions;  // indexed SQL expressions, after the columns
  bool unique = false;
  std::optional<std::string> where;      // partial index predicate
  bool operator==(const Index&) const = default;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  bool operator==(const UniqueConstraint&) const = default;
};

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string referred_table;
  std::string referred_schema;           // empty: same schema as the table
  std::vector<std::string> referred_columns;
  ReferentialAction on_delete = ReferentialAction::no_action;
  ReferentialAction on_update = ReferentialAction::no_action;
  // DEFERRABLE [INITIALLY DEFERRED]: checked when the transaction commits rather than after each
  // statement (Django declares every foreign key DEFERRABLE INITIALLY DEFERRED). Both dialects.
  bool deferrable = false;
  bool initially_deferred = false;  // only with deferrable
  bool operator==(const ForeignKey&) const = default;
};

struct CheckConstraint {
  std::string name;
  std::string expression;
  bool operator==(const CheckConstraint&) const = default;
};

// A trigger as the database stores it. models.yaml has no place for triggers and the diff never
// compares them; introspection keeps them on their table so that a SQLite table rebuild, which
// drops the table and with it its triggers, can create them again.
struct Trigger {
  std::string name;
  std::string sql;  // the whole CREATE TRIGGER statement, as the database reports it
  bool operator==(const Trigger&) const = default;
};

// SQLite's table options, which PostgreSQL has no use for (its normalize clears them).
struct SqliteTableOptions {
  bool strict = false;          // STRICT: values must match the declared column types
  bool without_rowid = false;   // WITHOUT ROWID: rows stored in the primary key's b-tree
  // The rowid alias column (the single INTEGER primary key) is declared AUTOINCREMENT: SQLite
  // never reuses the id of a deleted row (it keeps the highest in sqlite_sequence).
  bool autoincrement = false;
  bool any() const { return strict || without_rowid || autoincrement; }
  bool operator==(const SqliteTableOptions&) const = default;
};

// Column flags of models.yaml (primary_key, unique, index, references) are folded into these
// table-level lists by the loader, so every constraint has one representation.
struct Table {
  std::string name;
  std::string schema;                    // empty: the connection's default schema
  std::optional<std::string> comment;
  std::vector<Column> columns;           // in declared order
  std::optional<PrimaryKey> primary_key;
  std::vector<Index> indexes;
  std::vector<UniqueConstraint> uniques;
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
  std::optional<std::string> renamed_from;  // model hint only; never introspected
  std::vector<Trigger> triggers;            // introspected only; never diffed (see Trigger)
  SqliteTableOptions sqlite;

  const Column* find_column(std::string_view column_name) const;
  Column* find_column(std::string_view column_name);
  bool operator==(const Table&) const = default;
};

struct Schema {
  std::vector<Table> tables;  // in declared (or catalog) order
  // The database schema that the tables with no Table::schema are in, when known (PostgreSQL's
  // current schema, "public" unless configured otherwise); empty for SQLite. A foreign key from a
  // table in another schema names it (referred_schema "public"), and the diff orders tables by
  // the tables they refer to: it must know that "public"."users" is the "users" kept here.
  std::string unqualified_schema = {};

  // The distinct non-empty Table::schema values, sorted: which schemas besides the default one
  // introspection must read.
  std::vector<std::string> schema_names() const;
  // Clears every table's schema equal to `default_schema` (the connection's default), and that
  // name on the foreign keys of those tables: `schema: public` and no schema name the same
  // tables. Records the name as unqualified_schema. No-op for an empty name.
  void fold_schema(std::string_view default_schema);
  // Table::schema for a referred schema name: empty for unqualified_schema, else the name.
  std::string_view qualifier_of(std::string_view schema_name) const {
    return schema_name == unqualified_schema ? std::string_view{} : schema_name;
  }

  const Table* find_table(std::string_view table_name, std::string_view schema_name = {}) const;
  Table* find_table(std::string_view table_name, std::string_view schema_name = {});
  // The same tables: unqualified_schema is how the tables were read, not what they are (a
  // PostgreSQL database read before and after a change compares equal to the models).
  bool operator==(const Schema& other) const { return tables == other.tables; }
};

}  // namespace dbmig::schema
