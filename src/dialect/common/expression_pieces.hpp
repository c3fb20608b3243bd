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

// A dialect's test for a bare word it spells as a keyword (upper-case) in canonical text.
using PieceKeywordTest = bool (*)(const ExpressionPiece&);

// Where the parenthesised or bracketed group opening at `open` ends (one past its closer), or
// pieces.size() when it is never closed.
std::size_t group_end(const ExpressionPieces& pieces, std::size_t open);

// A single operand: a name that is not a keyword, a quoted name, a string or a number.
bool is_term(const ExpressionPiece& piece, PieceKeywordTest is_keyword);

// Parentheses that call a function or hold a list (f(x), IN (x)) follow a word; others around a
// single term are redundant: (title) -> title.
void remove_term_parentheses(ExpressionPieces& pieces, PieceKeywordTest is_keyword);

// Parentheses around the whole expression: ((a > 0)) -> a > 0.
void remove_outer_parentheses(ExpressionPieces& pieces);

// The pieces as one line of text with fixed spacing: f(a, b), x IN (1, 2), a > -1, t.c, a[1].
std::string text_of(const ExpressionPieces& pieces, PieceKeywordTest is_keyword);

// A sign where a binary operator cannot stand (first, or after an operator, a keyword, an opening
// parenthesis or bracket, or a comma) joins the number after it: "a > - 1" reads as "a > -1".
// `is_keyword` is the dialect's keyword test.
void join_signs(ExpressionPieces& pieces, PieceKeywordTest is_keyword);

}  // namespace dbmig::dialect
