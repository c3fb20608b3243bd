#pragma once
// Canonical text for SQL expressions (CHECK bodies, index expressions, partial-index predicates,
// defaults), so that the same expression written by a user in models.yaml and read back from
// SQLite's catalog compares equal even when spacing or wrapping parentheses differ.
#include <string>
#include <string_view>

namespace dbmig::dialect::sqlite {

// The comparable spelling of an expression, whatever the spacing and case it was written in:
// comments dropped; one space between tokens, none just inside parentheses, before a comma or
// between a function and its arguments; parentheses wrapping the whole expression removed;
// keywords upper-case, other bare words (names, functions: SQLite matches them ignoring case)
// lower-case; a quoted name that SQLite reads the same bare unquoted, any other quoted name in
// double quotes ("order", [order] and `order` -> "order": ORDER is a keyword); != and == spelt
// <> and =; a sign joined to its number. "( LOWER( title )>0 )" -> "lower(title) > 0". Literals
// are kept as written. The result is valid SQLite: revisions are written with it.
std::string normalize_expression(std::string_view expression);

// "((1 + 2))" -> "1 + 2"; "(a) + (b)" is left alone because its parentheses do not wrap it all.
std::string strip_outer_parentheses(std::string_view expression);

}  // namespace dbmig::dialect::sqlite
