#pragma once
// Recovers from a CREATE TABLE statement what SQLite's catalog pragmas do not report: constraint
// names (CONSTRAINT name ...) and CHECK expressions, at table and column level; column COLLATE,
// AUTOINCREMENT and generated-column expressions; the STRICT and WITHOUT ROWID table options.
//
// SQLite keeps a table's definition only as the text of its CREATE TABLE statement, so this is a
// scanner over that text, not a full SQL parser: it splits the body at top-level commas (respecting
// strings, quoted identifiers, nested parentheses and comments) and reads each part's constraint
// clauses. Column types, nullability, defaults and key columns come from the pragmas instead.
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::dialect::sqlite {

enum class ConstraintKind { primary_key, unique, foreign_key, check };

struct ParsedConstraint {
  ConstraintKind kind = ConstraintKind::check;
  std::string name;                  // from `CONSTRAINT name`; empty when the SQL gives none
  std::vector<std::string> columns;  // the constrained columns (not for checks), unquoted
  std::string referred_table;        // foreign keys: the REFERENCES target, unquoted
  std::string expression;            // checks: the text between CHECK's parentheses, as written
  std::string column;                // the column whose definition holds it; empty at table level
  bool deferrable = false;           // foreign keys: DEFERRABLE
  bool initially_deferred = false;   // foreign keys: DEFERRABLE INITIALLY DEFERRED

  bool operator==(const ParsedConstraint&) const = default;
};

// What a column definition says that no pragma reports.
struct ParsedColumnClauses {
  std::string collation;             // COLLATE name, unquoted; empty when not given
  bool autoincrement = false;        // PRIMARY KEY AUTOINCREMENT
  bool generated = false;            // [GENERATED ALWAYS] AS (expression) [STORED | VIRTUAL]
  std::string generated_expression;  // the text between AS's parentheses, as written
  bool stored = false;               // STORED; VIRTUAL when not given

  bool operator==(const ParsedColumnClauses&) const = default;
};

struct ParsedCreateTable {
  std::string table;                          // unquoted
  std::vector<std::string> columns;           // column names in order, unquoted
  std::vector<ParsedColumnClauses> clauses;   // per column, in the same order
  std::vector<ParsedConstraint> constraints;  // in the order they appear
  bool strict = false;                        // ) STRICT
  bool without_rowid = false;                 // ) WITHOUT ROWID
};

// Never throws: text it cannot make sense of (CREATE TABLE ... AS SELECT) yields what it could read.
ParsedCreateTable parse_create_table(std::string_view sql);

}  // namespace dbmig::dialect::sqlite
