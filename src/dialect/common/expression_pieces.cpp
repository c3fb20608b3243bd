#include "dialect/common/expression_pieces.hpp"

#include <utility>

namespace dbmig::dialect {

void join_signs(ExpressionPieces& pieces, bool (*is_keyword)(const ExpressionPiece&)) {
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

}  // namespace dbmig::dialect
