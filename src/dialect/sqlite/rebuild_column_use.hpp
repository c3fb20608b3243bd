#pragma once
// What in a table uses one of its columns. Dropping a column that something uses is beyond
// ALTER TABLE DROP COLUMN (needs_rebuild.hpp), and a rebuild must refuse to drop a column that an
// index, check or trigger still uses (rebuild_plan.hpp). Names compare ignoring ASCII case, as
// SQLite compares identifiers.
#include <optional>
#include <string>
#include <string_view>

#include "schema/schema.hpp"

namespace dbmig::dialect::sqlite {

// Whether SQL text mentions the identifier: any bare or quoted identifier token with that name.
// Deliberately coarse (a same-named column of another table counts too): it guards against
// leaving SQL behind that names a column that is gone.
bool mentions_identifier(std::string_view sql, std::string_view identifier);

bool index_uses_column(const schema::Index& index, std::string_view column);  // terms, INCLUDE, WHERE

// The first thing in `table` that uses `column`, as a phrase ("its primary key", `index "ix_a"`),
// or nullopt when nothing does. Triggers are not looked at: ALTER TABLE DROP COLUMN checks them.
std::optional<std::string> column_user(const schema::Table& table, std::string_view column);

}  // namespace dbmig::dialect::sqlite
