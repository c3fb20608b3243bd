#pragma once
// A lexer for SQL text, shared by the dialects. SQLite's catalog keeps CREATE TABLE / CREATE INDEX
// statements as text, and constraint names, CHECK expressions and index expressions exist nowhere
// else; PostgreSQL's expressions (defaults, checks) are compared in a canonical form. The code that
// reads them walks these tokens, so quoting, strings and comments are handled in one place.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::dialect {

enum class TokenKind {
  word,               // a bare identifier or keyword: users, CHECK, current_timestamp
  quoted_identifier,  // "name", `name` or (SQLite) [name]
  string,             // 'text' (also the x'..' blob literal)
  number,             // 42, 3.14, 1e-3, 0x1F
  punctuation,        // ( ) , ; . and, with Brackets::punctuation, [ ]
  other,              // operators and anything else, one run of such characters: >=, ||, ?
};

struct Token {
  TokenKind kind;
  std::string_view text;  // the token as written, quotes included; a view into the lexed SQL
  std::size_t offset;     // where the token begins in the lexed SQL

  // The identifier it names (quotes removed, doubled quotes undone) or the string's content.
  std::string value() const;
  // True for a bare word equal to `keyword` ignoring ASCII case (quoted identifiers never are).
  bool is_keyword(std::string_view keyword) const;
  bool is(char punctuation_char) const;
  bool is_identifier() const { return kind == TokenKind::word || kind == TokenKind::quoted_identifier; }
  std::size_t end() const { return offset + text.size(); }
};

// What square brackets are: SQLite quotes identifiers with them ([order]); PostgreSQL writes arrays
// with them (ARRAY[1, 2], integer[]).
enum class Brackets { quote_identifiers, punctuation };

// What escapes a character inside a '...' string: a doubled quote only (standard SQL, SQLite,
// PostgreSQL), or also a backslash (MySQL/MariaDB: 'it\'s', 'a\\b'). Token::value() undoes only
// the doubled quote; a dialect with backslash escapes decodes the content itself.
enum class StringEscapes { doubled_quote, backslash };

// Whitespace and comments (-- to end of line, /* ... */) are dropped. Never throws: an unterminated
// string, identifier or comment runs to the end of the text, so hand-written SQL cannot crash us.
std::vector<Token> tokenize(std::string_view sql, Brackets brackets = Brackets::quote_identifiers,
                            StringEscapes escapes = StringEscapes::doubled_quote);

// Index of the ')' closing the '(' at `open`, or tokens.size() when it is never closed.
std::size_t matching_parenthesis(const std::vector<Token>& tokens, std::size_t open);

// Splits tokens[begin, end) at commas outside parentheses; each part is a [first, last) range.
struct TokenRange {
  std::size_t begin;
  std::size_t end;
  bool empty() const { return begin >= end; }
};
std::vector<TokenRange> split_top_level(const std::vector<Token>& tokens, std::size_t begin, std::size_t end);

// The source text spanned by tokens[range] (from the first token's start to the last one's end),
// or "" for an empty range.
std::string_view source_text(std::string_view sql, const std::vector<Token>& tokens, TokenRange range);

bool equals_ignoring_case(std::string_view a, std::string_view b);
std::string to_upper_ascii(std::string_view text);
std::string to_lower_ascii(std::string_view text);

}  // namespace dbmig::dialect
