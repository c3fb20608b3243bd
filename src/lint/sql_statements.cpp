#include "lint/sql_statements.hpp"

#include <algorithm>
#include <optional>

namespace dbmig::lint {

namespace {

using dialect::Token;

// Findings quote the statement; a long INSERT ... VALUES need not be quoted whole.
constexpr std::size_t max_statement_text = 200;

std::string shown_text(std::string_view sql, const std::vector<Token>& tokens) {
  const std::string_view source = sql.substr(tokens.front().offset, tokens.back().end() - tokens.front().offset);
  std::string text;
  bool in_space = false;
  for (const char c : source) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && !in_space) text += ' ';
    if (!space) text += c;
    in_space = space;
  }
  if (text.size() > max_statement_text) text = text.substr(0, max_statement_text) + "...";
  return text;
}

bool is_tag_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The dollar-quote tag starting at `at` ("$$", "$body$"), or empty when none does. A tag's name
// does not start with a digit ($1 is a parameter).
std::string_view dollar_tag_at(std::string_view sql, std::size_t at) {
  if (at >= sql.size() || sql[at] != '$') return {};
  std::size_t end = at + 1;
  if (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') return {};
  while (end < sql.size() && is_tag_char(sql[end])) ++end;
  if (end >= sql.size() || sql[end] != '$') return {};
  return sql.substr(at, end + 1 - at);
}

// Where a dollar quote opens inside an operator-like token ("$$", "$", "=$$"), if one does.
std::optional<std::size_t> dollar_quote_in(std::string_view sql, const Token& token) {
  if (token.kind != dialect::TokenKind::other) return std::nullopt;
  for (std::size_t at = token.text.find('$'); at != std::string_view::npos; at = token.text.find('$', at + 1))
    if (!dollar_tag_at(sql, token.offset + at).empty()) return token.offset + at;
  return std::nullopt;
}

// The shared tokenizer's tokens, except that each dollar-quoted text is one string token. The
// text before a dollar quote is tokenized, the quote cut out whole (to its closing tag, or to the
// end when it is never closed), and tokenizing goes on after it: the tokenizer never sees the
// inside, whose quotes and comments belong to another language.
std::vector<Token> tokens_of(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t base = 0;  // where the part being tokenized starts in `sql`
  while (true) {
    // Brackets as punctuation: PostgreSQL writes arrays with them, it does not quote names with them.
    std::vector<Token> part = dialect::tokenize(sql.substr(base), dialect::Brackets::punctuation);
    for (Token& token : part) token.offset += base;
    const auto opening = std::find_if(part.begin(), part.end(),
                                      [&](const Token& token) { return dollar_quote_in(sql, token).has_value(); });
    tokens.insert(tokens.end(), part.begin(), opening);
    if (opening == part.end()) return tokens;
    const std::size_t open = *dollar_quote_in(sql, *opening);
    const std::string_view tag = dollar_tag_at(sql, open);
    const std::size_t close = sql.find(tag, open + tag.size());
    const std::size_t end = close == std::string_view::npos ? sql.size() : close + tag.size();
    tokens.push_back(Token{dialect::TokenKind::string, sql.substr(open, end - open), open});
    base = end;
  }
}

}  // namespace

std::optional<std::string_view> dollar_quoted_body(const Token& token) {
  if (token.kind != dialect::TokenKind::string) return std::nullopt;
  const std::string_view tag = dollar_tag_at(token.text, 0);
  if (tag.empty()) return std::nullopt;
  std::string_view body = token.text.substr(tag.size());
  if (body.ends_with(tag)) body.remove_suffix(tag.size());
  return body;
}

std::vector<SqlStatement> split_statements(std::string_view sql) {
  const std::vector<Token> tokens = tokens_of(sql);
  std::vector<SqlStatement> statements;
  std::vector<Token> current;
  int depth = 0;
  const auto finish = [&] {
    if (!current.empty()) statements.push_back(SqlStatement{current, shown_text(sql, current)});
    current.clear();
  };
  for (const Token& token : tokens) {
    if (token.is('(')) ++depth;
    if (token.is(')') && depth > 0) --depth;
    if (token.is(';') && depth == 0) {
      finish();
      continue;
    }
    current.push_back(token);
  }
  finish();
  return statements;
}

}  // namespace dbmig::lint
