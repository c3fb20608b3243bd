#include "dialect/common/sql_tokens.hpp"

#include <algorithm>

namespace dbmig::dialect {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
// Bytes >= 0x80 belong to UTF-8 sequences, which SQLite accepts in bare identifiers.
bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_word_char(char c) { return is_word_start(c) || is_digit(c) || c == '$'; }
bool is_punctuation(char c) { return c == '(' || c == ')' || c == ',' || c == ';' || c == '.'; }
bool starts_comment(std::string_view sql, std::size_t at) {
  return at + 1 < sql.size() && ((sql[at] == '-' && sql[at + 1] == '-') || (sql[at] == '/' && sql[at + 1] == '*'));
}

// End of a quoted run opened at `open` by `quote` and closed by `close`; a doubled closing
// character is an escaped one when `doubling_escapes`, and so is the character after a backslash
// when `backslash_escapes`. Unterminated: the end of the text.
std::size_t quoted_end(std::string_view sql, std::size_t open, char close, bool doubling_escapes,
                       bool backslash_escapes = false) {
  std::size_t at = open + 1;
  while (at < sql.size()) {
    if (backslash_escapes && sql[at] == '\\') {
      at += 2;
      continue;
    }
    if (sql[at] == close) {
      if (doubling_escapes && at + 1 < sql.size() && sql[at + 1] == close) {
        at += 2;
        continue;
      }
      return at + 1;
    }
    ++at;
  }
  return std::min(at, sql.size());
}

std::size_t number_end(std::string_view sql, std::size_t at) {
  if (sql[at] == '0' && at + 1 < sql.size() && (sql[at + 1] == 'x' || sql[at + 1] == 'X')) {
    at += 2;
    while (at < sql.size() && is_hex_digit(sql[at])) ++at;
    return at;
  }
  while (at < sql.size() && is_digit(sql[at])) ++at;
  if (at < sql.size() && sql[at] == '.') {
    ++at;
    while (at < sql.size() && is_digit(sql[at])) ++at;
  }
  if (at < sql.size() && (sql[at] == 'e' || sql[at] == 'E')) {
    std::size_t exponent = at + 1;
    if (exponent < sql.size() && (sql[exponent] == '+' || sql[exponent] == '-')) ++exponent;
    if (exponent < sql.size() && is_digit(sql[exponent])) {
      at = exponent;
      while (at < sql.size() && is_digit(sql[at])) ++at;
    }
  }
  return at;
}

std::string unquote(std::string_view text, char close, bool doubling_escapes) {
  std::string out;
  std::size_t last = text.size();
  if (last >= 2 && text.back() == close) --last;  // unterminated text has no closing character
  for (std::size_t at = 1; at < last; ++at) {
    out += text[at];
    if (doubling_escapes && text[at] == close && at + 1 < last && text[at + 1] == close) ++at;
  }
  return out;
}

}  // namespace

std::string Token::value() const {
  if (text.empty()) return {};
  switch (kind) {
    case TokenKind::quoted_identifier:
      if (text.front() == '[') return unquote(text, ']', false);
      return unquote(text, text.front(), true);
    case TokenKind::string:
      if (text.front() != '\'') return std::string(text);  // x'..' blob: keep as written
      return unquote(text, '\'', true);
    default:
      return std::string(text);
  }
}

bool Token::is_keyword(std::string_view keyword) const {
  return kind == TokenKind::word && equals_ignoring_case(text, keyword);
}

bool Token::is(char punctuation_char) const {
  return kind == TokenKind::punctuation && text.size() == 1 && text.front() == punctuation_char;
}

std::vector<Token> tokenize(std::string_view sql, Brackets brackets, StringEscapes escapes) {
  const bool bracket_punctuation = brackets == Brackets::punctuation;
  const bool backslash = escapes == StringEscapes::backslash;
  std::vector<Token> tokens;
  std::size_t at = 0;
  auto emit = [&](TokenKind kind, std::size_t end) {
    tokens.push_back(Token{kind, sql.substr(at, end - at), at});
    at = end;
  };
  while (at < sql.size()) {
    const char c = sql[at];
    if (is_space(c)) {
      ++at;
    } else if (c == '-' && at + 1 < sql.size() && sql[at + 1] == '-') {
      const std::size_t newline = sql.find('\n', at);
      at = newline == std::string_view::npos ? sql.size() : newline + 1;
    } else if (c == '/' && at + 1 < sql.size() && sql[at + 1] == '*') {
      const std::size_t close = sql.find("*/", at + 2);
      at = close == std::string_view::npos ? sql.size() : close + 2;
    } else if (c == '\'') {
      emit(TokenKind::string, quoted_end(sql, at, '\'', true, backslash));
    } else if ((c == 'x' || c == 'X') && at + 1 < sql.size() && sql[at + 1] == '\'') {
      emit(TokenKind::string, quoted_end(sql, at + 1, '\'', true));
    } else if (c == '"' || c == '`') {
      emit(TokenKind::quoted_identifier, quoted_end(sql, at, c, true));
    } else if (c == '[' && !bracket_punctuation) {
      emit(TokenKind::quoted_identifier, quoted_end(sql, at, ']', false));
    } else if (c == '[' || c == ']') {
      emit(TokenKind::punctuation, at + 1);
    } else if (is_digit(c) || (c == '.' && at + 1 < sql.size() && is_digit(sql[at + 1]))) {
      emit(TokenKind::number, number_end(sql, at));
    } else if (is_word_start(c)) {
      std::size_t end = at + 1;
      while (end < sql.size() && is_word_char(sql[end])) ++end;
      emit(TokenKind::word, end);
    } else if (is_punctuation(c)) {
      emit(TokenKind::punctuation, at + 1);
    } else {
      std::size_t end = at + 1;
      while (end < sql.size() && !is_space(sql[end]) && !is_word_start(sql[end]) && !is_digit(sql[end]) &&
             !is_punctuation(sql[end]) && sql[end] != '\'' && sql[end] != '"' && sql[end] != '`' &&
             sql[end] != '[' && !(bracket_punctuation && sql[end] == ']') && !starts_comment(sql, end)) {
        ++end;
      }
      emit(TokenKind::other, end);
    }
  }
  return tokens;
}

std::size_t matching_parenthesis(const std::vector<Token>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t at = open; at < tokens.size(); ++at) {
    if (tokens[at].is('(')) {
      ++depth;
    } else if (tokens[at].is(')')) {
      if (--depth == 0) return at;
    }
  }
  return tokens.size();
}

std::vector<TokenRange> split_top_level(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
  std::vector<TokenRange> parts;
  int depth = 0;
  std::size_t part_begin = begin;
  for (std::size_t at = begin; at < end; ++at) {
    if (tokens[at].is('(')) {
      ++depth;
    } else if (tokens[at].is(')')) {
      depth = std::max(0, depth - 1);
    } else if (tokens[at].is(',') && depth == 0) {
      parts.push_back({part_begin, at});
      part_begin = at + 1;
    }
  }
  if (part_begin < end || !parts.empty()) parts.push_back({part_begin, end});
  return parts;
}

std::string_view source_text(std::string_view sql, const std::vector<Token>& tokens, TokenRange range) {
  if (range.empty()) return {};
  const std::size_t begin = tokens[range.begin].offset;
  return sql.substr(begin, tokens[range.end - 1].end() - begin);
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

std::string to_upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace dbmig::dialect
