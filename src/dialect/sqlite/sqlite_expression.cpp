#include "dialect/sqlite/sqlite_expression.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "dialect/common/expression_pieces.hpp"
#include "dialect/common/identifier_quoting.hpp"
#include "dialect/common/sql_tokens.hpp"
#include "dialect/sql_renderer.hpp"
#include "dialect/sqlite/sqlite_keywords.hpp"

namespace dbmig::dialect::sqlite {
namespace {

// The token range left once parentheses wrapping the whole range are peeled off.
TokenRange unwrap(const std::vector<Token>& tokens) {
  TokenRange range{0, tokens.size()};
  while (range.end - range.begin >= 2 && tokens[range.begin].is('(') &&
         matching_parenthesis(tokens, range.begin) == range.end - 1) {
    ++range.begin;
    --range.end;
  }
  return range;
}

// A token in canonical spelling, for the comparable text of an expression.
using Piece = ExpressionPiece;

// Keywords of SQLite expressions, written upper-case; any other bare word is a name or function,
// which SQLite matches ignoring ASCII case, written lower-case. So `LOWER( Title )` and
// `lower(title)` read the same. Only the spelling of the comparable text: which quoted names may
// lose their quotes is SQLite's full keyword list's business (sqlite_keywords.hpp).
constexpr std::array<std::string_view, 33> kKeywords = {
    "AND",     "OR",      "NOT",     "IS",      "NULL",   "IN",           "LIKE",         "GLOB",
    "REGEXP",  "MATCH",   "BETWEEN", "ESCAPE",  "CASE",   "WHEN",         "THEN",         "ELSE",
    "END",     "EXISTS",  "COLLATE", "AS",      "TRUE",   "FALSE",        "ISNULL",       "NOTNULL",
    "DISTINCT", "SELECT", "FROM",    "WHERE",   "CAST",   "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "RAISE",
};

bool is_keyword_text(std::string_view upper_text) {
  return std::find(kKeywords.begin(), kKeywords.end(), upper_text) != kKeywords.end();
}

bool is_keyword(const Piece& piece) { return piece.kind == TokenKind::word && is_keyword_text(piece.text); }

Piece canonical_piece(const Token& token) {
  if (token.kind == TokenKind::word) {
    std::string upper = to_upper_ascii(token.text);
    if (is_keyword_text(upper)) return {token.kind, std::move(upper)};
    return {token.kind, to_lower_ascii(token.text)};
  }
  if (token.kind == TokenKind::quoted_identifier) {
    // Plain names are lower-case and never in kKeywords (all of which need quoting), so the
    // unquoted name is already in the spelling a bare word gets above. Any other name is spelt
    // in double quotes, whichever of "x", `x` and [x] it was written with.
    std::string name = token.value();
    if (reads_same_bare(name, needs_quoting)) return {TokenKind::word, std::move(name)};
    return {token.kind, quote_sql_identifier(name)};
  }
  // Operators SQLite has two spellings for.
  if (token.kind == TokenKind::other && token.text == "!=") return {token.kind, "<>"};
  if (token.kind == TokenKind::other && token.text == "==") return {token.kind, "="};
  return {token.kind, std::string(token.text)};
}

// One space between tokens except inside parentheses, before a comma or dot, after a dot, and
// between a function's name and its arguments (keywords keep theirs: IN (1, 2), but CAST(x AS t)).
bool space_between(const Piece& before, const Piece& piece) {
  if (before.is("(") || before.is(".")) return false;
  if (piece.is(")") || piece.is(",") || piece.is(".")) return false;
  if (piece.is("(")) {
    const bool function_name = (before.kind == TokenKind::word && (!is_keyword(before) || before.text == "CAST")) ||
                               before.kind == TokenKind::quoted_identifier;
    return !function_name;
  }
  return true;
}

}  // namespace

std::string normalize_expression(std::string_view expression) {
  const std::vector<Token> tokens = tokenize(expression);
  const TokenRange range = unwrap(tokens);
  std::vector<Piece> pieces;
  for (std::size_t at = range.begin; at < range.end; ++at) pieces.push_back(canonical_piece(tokens[at]));
  join_signs(pieces, is_keyword);
  std::string out;
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    if (at > 0 && space_between(pieces[at - 1], pieces[at])) out += ' ';
    out += pieces[at].text;
  }
  return out;
}

std::string strip_outer_parentheses(std::string_view expression) {
  const std::vector<Token> tokens = tokenize(expression);
  return std::string(source_text(expression, tokens, unwrap(tokens)));
}

}  // namespace dbmig::dialect::sqlite
