#include "dialect/common/expression_pieces.hpp"

#include <utility>

namespace dbmig::dialect {

void join_signs(ExpressionPieces& pieces, PieceKeywordTest is_keyword) {
  ExpressionPieces out;
  out.reserve(pieces.size());
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    const ExpressionPiece& piece = pieces[at];
    const bool sign = piece.is_operator("-") || piece.is_operator("+");
    const bool unary = out.empty() || out.back().kind == TokenKind::other || is_keyword(out.back()) ||
                       out.back().is("(") || out.back().is("[") || out.back().is(",");
    if (sign && unary && at + 1 < pieces.size() && pieces[at + 1].kind == TokenKind::number) {
      out.push_back(ExpressionPiece{TokenKind::number, (piece.text == "-" ? "-" : "") + pieces[at + 1].text});
      ++at;
      continue;
    }
    out.push_back(piece);
  }
  pieces = std::move(out);
}

std::size_t group_end(const ExpressionPieces& pieces, std::size_t open) {
  const std::string_view opener = pieces[open].text;
  const std::string_view closer = opener == "(" ? ")" : "]";
  int depth = 0;
  for (std::size_t at = open; at < pieces.size(); ++at) {
    if (pieces[at].is(opener)) ++depth;
    if (pieces[at].is(closer) && --depth == 0) return at + 1;
  }
  return pieces.size();
}

bool is_term(const ExpressionPiece& piece, PieceKeywordTest is_keyword) {
  return (piece.kind == TokenKind::word && !is_keyword(piece)) || piece.kind == TokenKind::quoted_identifier ||
         piece.kind == TokenKind::string || piece.kind == TokenKind::number;
}

void remove_term_parentheses(ExpressionPieces& pieces, PieceKeywordTest is_keyword) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t at = 0; at + 2 < pieces.size(); ++at) {
      if (!pieces[at].is("(") || !is_term(pieces[at + 1], is_keyword) || !pieces[at + 2].is(")")) continue;
      if (at > 0) {
        const ExpressionPiece& before = pieces[at - 1];
        const bool operator_keyword = before.is_word("AND") || before.is_word("OR") || before.is_word("NOT");
        if ((before.kind == TokenKind::word && !operator_keyword) || before.kind == TokenKind::quoted_identifier) continue;
      }
      pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(at + 2));
      pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(at));
      changed = true;
    }
  }
}

void remove_outer_parentheses(ExpressionPieces& pieces) {
  while (pieces.size() >= 2 && pieces.front().is("(") && group_end(pieces, 0) == pieces.size()) {
    pieces.pop_back();
    pieces.erase(pieces.begin());
  }
}

namespace {

bool space_between(const ExpressionPiece& before, const ExpressionPiece& piece, PieceKeywordTest is_keyword) {
  if (before.is("(") || before.is("[") || before.is(".")) return false;
  if (piece.is(")") || piece.is("]") || piece.is(",") || piece.is(".") || piece.is("[")) return false;
  // A function call: f(x); keywords keep their space: IN (1, 2), ANY (...).
  if (piece.is("(") && ((before.kind == TokenKind::word && !is_keyword(before)) ||
                        before.kind == TokenKind::quoted_identifier)) {
    return false;
  }
  return true;
}

}  // namespace

std::string text_of(const ExpressionPieces& pieces, PieceKeywordTest is_keyword) {
  std::string out;
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    if (at > 0 && space_between(pieces[at - 1], pieces[at], is_keyword)) out += ' ';
    out += pieces[at].text;
  }
  return out;
}

}  // namespace dbmig::dialect
