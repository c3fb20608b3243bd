#pragma once
// Names in SQL text that has to read the same in every dialect dbmig supports.
#include <string_view>

namespace dbmig::dialect {

// Whether `name` must be double-quoted in some dialect to be read as that name: it is not plain
// (lower-case ASCII letters, digits, _), or it is a keyword SQLite or PostgreSQL reads otherwise
// bare. ops::apply spells a renamed column this way in the expressions that use it, which are
// not tied to a dialect; Dialect::normalize then drops quotes its database does not need.
bool needs_quotes_in_any_dialect(std::string_view name);

}  // namespace dbmig::dialect
