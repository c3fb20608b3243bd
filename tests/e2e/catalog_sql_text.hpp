#pragma once
// SQL text as tokens, for the catalog dumps: SQLite reports CHECK and generated-column
// expressions, index expressions and partial-index WHERE clauses only inside the CREATE
// statement it keeps verbatim, so the dump reads them from there and compares them in a
// canonical spelling (see catalog::canonical_sql).
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::test::catalog {

struct SqlToken {
  enum class Kind { word, quoted_name, string, number, punct };
  Kind kind;
  std::string text;  // a quoted name without its quotes (and with doubled quotes undone)

  bool is_punct(std::string_view p) const { return kind == Kind::punct && text == p; }
  bool is_word(std::string_view lower_word) const;  // case-insensitive keyword test
};

std::vector<SqlToken> sql_tokens(std::string_view sql);

// The index of the ')' matching the '(' at `open`, or tokens.size() when it is not closed.
std::size_t matching_paren(const std::vector<SqlToken>& tokens, std::size_t open);

// canonical_sql over a token range [begin, end).
std::string canonical_tokens(const std::vector<SqlToken>& tokens, std::size_t begin, std::size_t end);

// The items of a parenthesised list [open+1, close) split at top-level commas, as index ranges.
std::vector<std::pair<std::size_t, std::size_t>> split_list(const std::vector<SqlToken>& tokens, std::size_t open,
                                                            std::size_t close);

}  // namespace dbmig::test::catalog
