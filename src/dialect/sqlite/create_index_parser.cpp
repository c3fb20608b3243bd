#include "dialect/sqlite/create_index_parser.hpp"

#include "dialect/common/sql_tokens.hpp"

namespace dbmig::dialect::sqlite {
namespace {

// Drops the ordering and collation suffixes of an indexed term: `lower(x) COLLATE nocase DESC`.
TokenRange without_suffixes(const std::vector<Token>& tokens, TokenRange term) {
  if (term.end - term.begin >= 2 &&
      (tokens[term.end - 1].is_keyword("ASC") || tokens[term.end - 1].is_keyword("DESC"))) {
    --term.end;
  }
  if (term.end - term.begin >= 3 && tokens[term.end - 2].is_keyword("COLLATE")) term.end -= 2;
  return term;
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
    parsed.terms.emplace_back(source_text(sql, tokens, without_suffixes(tokens, term)));
  }
  if (close + 1 < tokens.size() && tokens[close + 1].is_keyword("WHERE")) {
    std::size_t end = tokens.size();
    if (end > close + 2 && tokens[end - 1].is(';')) --end;
    parsed.where = std::string(source_text(sql, tokens, {close + 2, end}));
  }
  return parsed;
}

}  // namespace dbmig::dialect::sqlite
