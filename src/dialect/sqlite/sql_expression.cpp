#include "dialect/sqlite/sql_expression.hpp"

#include <vector>

#include "dialect/common/sql_tokens.hpp"

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

}  // namespace

std::string normalize_expression(std::string_view expression) {
  const std::vector<Token> tokens = tokenize(expression);
  const TokenRange range = unwrap(tokens);
  std::string out;
  for (std::size_t at = range.begin; at < range.end; ++at) {
    const Token& token = tokens[at];
    if (at > range.begin) {
      const Token& previous = tokens[at - 1];
      const bool separated = token.offset > previous.end();
      if (separated && !previous.is('(') && !token.is(')') && !token.is(',')) out += ' ';
    }
    out += token.text;
  }
  return out;
}

std::string strip_outer_parentheses(std::string_view expression) {
  const std::vector<Token> tokens = tokenize(expression);
  return std::string(source_text(expression, tokens, unwrap(tokens)));
}

}  // namespace dbmig::dialect::sqlite
