#include "dialect/sqlite/default_value.hpp"

#include <array>
#include <vector>

#include "dialect/sqlite/sqlite_expression.hpp"
#include "dialect/common/sql_tokens.hpp"

namespace dbmig::dialect::sqlite {
namespace {

constexpr std::array kTimeKeywords{std::string_view("CURRENT_TIME"), std::string_view("CURRENT_DATE"),
                                   std::string_view("CURRENT_TIMESTAMP")};
constexpr std::array kValueKeywords{std::string_view("NULL"), std::string_view("TRUE"), std::string_view("FALSE")};

template <std::size_t N>
bool is_one_of(const Token& token, const std::array<std::string_view, N>& keywords) {
  for (std::string_view keyword : keywords) {
    if (token.is_keyword(keyword)) return true;
  }
  return false;
}

bool is_sign(const Token& token) { return token.kind == TokenKind::other && (token.text == "-" || token.text == "+"); }

}  // namespace

bool is_literal_default(std::string_view default_sql) {
  const std::string bare = strip_outer_parentheses(default_sql);  // outlives the tokens viewing it
  const std::vector<Token> tokens = tokenize(bare);
  if (tokens.size() == 2) return is_sign(tokens[0]) && tokens[1].kind == TokenKind::number;
  if (tokens.size() != 1) return false;
  const Token& token = tokens[0];
  return token.kind == TokenKind::string || token.kind == TokenKind::number || is_one_of(token, kValueKeywords) ||
         is_one_of(token, kTimeKeywords);
}

bool is_constant_default(std::string_view default_sql) {
  if (!is_literal_default(default_sql)) return false;
  const std::string bare = strip_outer_parentheses(default_sql);
  const std::vector<Token> tokens = tokenize(bare);
  return !is_one_of(tokens.front(), kTimeKeywords);
}

std::optional<std::string> normalize_default(std::string_view default_sql) {
  const std::string expression = normalize_expression(default_sql);
  const std::vector<Token> tokens = tokenize(expression);
  if (tokens.size() == 1 && tokens[0].is_keyword("NULL")) return std::nullopt;
  std::string out;
  std::size_t copied = 0;
  for (const Token& token : tokens) {
    if (!is_one_of(token, kTimeKeywords) && !is_one_of(token, kValueKeywords)) continue;
    out.append(expression, copied, token.offset - copied);
    out += to_upper_ascii(token.text);
    copied = token.end();
  }
  out.append(expression, copied);
  return out;
}

}  // namespace dbmig::dialect::sqlite
