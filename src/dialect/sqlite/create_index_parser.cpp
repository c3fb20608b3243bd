#include "dialect/sqlite/create_index_parser.hpp"

#include "dialect/common/sql_tokens.hpp"

namespace dbmig::dialect::sqlite {
namespace {

struct SplitTerm {
  TokenRange expression;
  std::optional<std::string> collation;
};

// Splits the ordering and collation suffixes off an indexed term: `lower(x) COLLATE nocase DESC`.
SplitTerm split_suffixes(const std::vector<Token>& tokens, TokenRange term) {
  if (term.end - term.begin >= 2 &&
      (tokens[term.end - 1].is_keyword("ASC") || tokens[term.end - 1].is_keyword("DESC"))) {
    --term.end;
  }
  std::optional<std::string> collation;
  if (term.end - term.begin >= 3 && tokens[term.end - 2].is_keyword("COLLATE")) {
    collation = tokens[term.end - 1].value();
    term.end -= 2;
  }
  return {term, std::move(collation)};
}

}  // namespace

ParsedIndex parse_create_index(std::string_view sql) {
  ParsedIndex parsed;
  const std::vector<Token> tokens = tokenize(sql);
  std::size_t on = 0;
  while (on < tokens.size() && !tokens[on].is_keyword("ON")) ++on;
  std::size_t open = on;
  while (open < tokens.size() && !tokens[open].is('(')) ++open;
  if (open == tokens.size()) return parsed;
  const std::size_t close = matching_parenthesis(tokens, open);
  for (const TokenRange& term : split_top_level(tokens, open + 1, close)) {
    SplitTerm split = split_suffixes(tokens, term);
    parsed.terms.emplace_back(source_text(sql, tokens, split.expression));
    parsed.collations.push_back(std::move(split.collation));
  }
  if (close + 1 < tokens.size() && tokens[close + 1].is_keyword("WHERE")) {
    std::size_t end = tokens.size();
    if (end > close + 2 && tokens[end - 1].is(';')) --end;
    parsed.where = std::string(source_text(sql, tokens, {close + 2, end}));
  }
  return parsed;
}

}  // namespace dbmig::dialect::sqlite
