#pragma once
// Canonical text for SQL expressions (CHECK bodies, index expressions, partial-index predicates,
// defaults), so that the same expression written by a user in models.yaml and read back from
// SQLite's catalog compares equal even when spacing or wrapping parentheses differ.
#include <string>
#include <string_view>

namespace dbmig::dialect::sqlite {

// Whitespace and comments outside literals collapse to one space (none just inside parentheses or
// before a comma), and parentheses wrapping the whole expression are removed:
// "( length( title )  >  0 )" -> "length(title) > 0". Literal and identifier spelling is kept.
std::string normalize_expression(std::string_view expression);

// "((1 + 2))" -> "1 + 2"; "(a) + (b)" is left alone because its parentheses do not wrap it all.
std::string strip_outer_parentheses(std::string_view expression);

}  // namespace dbmig::dialect::sqlite
