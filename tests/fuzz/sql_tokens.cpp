// Fuzz target: the SQL lexer the dialects share (dialect/common/sql_tokens.hpp), in both bracket
// modes, with the helpers that walk its tokens. Checks what its readers assume: tokens are
// non-empty views of the text, in order, not overlapping; a top-level '(' matches a later ')' or
// none.
#include "dialect/common/sql_tokens.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace dbmig::dialect;
using dbmig::fuzz::require;

void walk(std::string_view sql, Brackets brackets) {
  const std::vector<Token> tokens = tokenize(sql, brackets);
  std::size_t previous_end = 0;
  std::size_t next_group = 0;  // groups are matched from the outside in, as readers do: linear time
  for (std::size_t at = 0; at < tokens.size(); ++at) {
    const Token& token = tokens[at];
    require(!token.text.empty(), "a token is not empty");
    require(token.offset >= previous_end, "tokens are in order and do not overlap");
    require(token.end() <= sql.size() && sql.substr(token.offset, token.text.size()) == token.text,
            "a token is the text at its offset");
    previous_end = token.end();
    token.value();
    if (token.is('(') && at >= next_group) {
      const std::size_t close = matching_parenthesis(tokens, at);
      require(close > at && (close == tokens.size() || tokens[close].is(')')), "'(' matches a later ')' or none");
      next_group = close + 1;
    }
  }
  for (const TokenRange& part : split_top_level(tokens, 0, tokens.size())) {
    require(part.begin <= part.end && part.end <= tokens.size(), "a part is a range of the tokens");
    const std::string_view source = source_text(sql, tokens, part);
    require(source.empty() == part.empty(), "a part's text is empty only for an empty part");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view sql = dbmig::fuzz::text_of(data, size);
  walk(sql, Brackets::quote_identifiers);
  walk(sql, Brackets::punctuation);
  return 0;
}
