#pragma once
// SQLite has no enum type: an enum(a, b) column is stored as VARCHAR with a column-level
// CHECK ("col" IN ('a', 'b')). These functions write that CHECK and recognise it when reading the
// catalog back, so the column introspects as the enum it was declared as.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::dialect::sqlite {

// `"role" IN ('user', 'admin')`: the expression inside the CHECK's parentheses.
std::string enum_check_expression(std::string_view column, const std::vector<std::string>& values);

// The values, in order, when `expression` has exactly that form for `column` (the column name is
// compared ignoring ASCII case, as SQLite does; spacing and quoting style do not matter);
// nullopt for any other expression.
std::optional<std::vector<std::string>> enum_values_from_check(std::string_view column, std::string_view expression);

}  // namespace dbmig::dialect::sqlite
