#include "dialect/sqlite/enum_check.hpp"

#include "dialect/sql_renderer.hpp"
#include "dialect/common/sql_tokens.hpp"

namespace dbmig::dialect::sqlite {

std::string enum_check_expression(std::string_view column, const std::vector<std::string>& values) {
  std::string sql = quote_sql_identifier(column) + " IN (";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += quote_sql_string(values[i]);
  }
  return sql + ")";
}

std::optional<std::vector<std::string>> enum_values_from_check(std::string_view column, std::string_view expression) {
  std::vector<Token> tokens = tokenize(expression);
  // Tolerate parentheses around the whole expression: CHECK ((x IN ('a'))).
  while (tokens.size() >= 2 && tokens.front().is('(') && matching_parenthesis(tokens, 0) == tokens.size() - 1) {
    tokens = std::vector<Token>(tokens.begin() + 1, tokens.end() - 1);
  }
  if (tokens.size() < 5 || !tokens[0].is_identifier() || !equals_ignoring_case(tokens[0].value(), column) ||
      !tokens[1].is_keyword("IN") || !tokens[2].is('(') || matching_parenthesis(tokens, 2) != tokens.size() - 1) {
    return std::nullopt;
  }
  std::vector<std::string> values;
  for (const TokenRange& item : split_top_level(tokens, 3, tokens.size() - 1)) {
    if (item.end - item.begin != 1 || tokens[item.begin].kind != TokenKind::string ||
        tokens[item.begin].text.front() != '\'') {
      return std::nullopt;
    }
    values.push_back(tokens[item.begin].value());
  }
  return values;
}

}  // namespace dbmig::dialect::sqlite
