#pragma once
// The tokens of an SQL expression being put in canonical form (each dialect's default, check and
// index-expression normalisation), and the rewrites of that form the dialects share.
#include <string>
#include <string_view>
#include <vector>

#include "dialect/common/sql_tokens.hpp"

namespace dbmig::dialect {

struct ExpressionPiece {
  TokenKind kind;
  std::string text;

  bool is(std::string_view punctuation) const { return kind == TokenKind::punctuation && text == punctuation; }
  bool is_operator(std::string_view op) const { return kind == TokenKind::other && text == op; }
  bool is_word(std::string_view word) const { return kind == TokenKind::word && text == word; }
};
using ExpressionPieces = std::vector<ExpressionPiece>;

// A sign where a binary operator cannot stand (first, or after an operator, a keyword, an opening
// parenthesis or bracket, or a comma) joins the number after it: "a > - 1" reads as "a > -1".
// `is_keyword` is the dialect's keyword test.
void join_signs(ExpressionPieces& pieces, bool (*is_keyword)(const ExpressionPiece&));

}  // namespace dbmig::dialect
