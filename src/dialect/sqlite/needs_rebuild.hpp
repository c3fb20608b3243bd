#pragma once
// Which ops SQLite's ALTER TABLE cannot carry out in place. SQLite can only add, drop and rename
// columns and rename tables; everything else that changes an existing table (a column's type,
// nullability or default; adding or dropping a primary key, unique, foreign key or check; dropping
// a column that a constraint or index uses; adding a column SQLite refuses to add) means rebuilding
// the table: create the new shape, copy the rows, drop the old table, rename the new one.
//
// This is the one place that decision is made; the renderer asks it before rendering each op.
#include <optional>
#include <string>

#include "dialect/dialect.hpp"
#include "ops/op.hpp"

namespace dbmig::dialect::sqlite {

// What `op` asks that ALTER TABLE cannot do, phrased to follow "SQLite cannot ..." (e.g.
// `change the type of column "age" of table "users"`), or nullopt when it can be done in place.
// `before` is the schema just before the op, when known: only dropping a column asks for it, to
// see which constraints use the column (without it the column is assumed unused, and SQLite
// itself refuses the DROP COLUMN if it is not); any other op leaves it unread.
std::optional<std::string> rebuild_reason(const ops::Op& op, const SchemaBefore& before);

inline bool needs_rebuild(const ops::Op& op, const SchemaBefore& before) {
  return rebuild_reason(op, before).has_value();
}

}  // namespace dbmig::dialect::sqlite
