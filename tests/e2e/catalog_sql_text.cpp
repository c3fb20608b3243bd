#include "catalog_sql_text.hpp"

#include <cctype>

#include "catalog_dump.hpp"

namespace dbmig::test::catalog {

namespace {

std::string ascii_lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

// The text of a quoted token starting at `i` (quote `open`, closing `close`, doubled close
// escaping it); `i` ends past the closing quote.
std::string read_quoted(std::string_view sql, std::size_t& i, char close) {
  std::string text;
  ++i;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
        text += close;
        i += 2;
        continue;
      }
      ++i;
      return text;
    }
    text += sql[i++];
  }
  return text;
}

}  // namespace

bool SqlToken::is_word(std::string_view lower_word) const {
  return kind == Kind::word && ascii_lower(text) == lower_word;
}

std::vector<SqlToken> sql_tokens(std::string_view sql) {
  std::vector<SqlToken> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (sql.substr(i, 2) == "/*") {
      const auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '\'') {
      // A string literal keeps its quotes: 'x' and x must stay different.
      const std::size_t start = i;
      read_quoted(sql, i, '\'');
      tokens.push_back({SqlToken::Kind::string, std::string(sql.substr(start, i - start))});
    } else if (c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      tokens.push_back({SqlToken::Kind::quoted_name, read_quoted(sql, i, close)});
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      const std::size_t start = i;
      while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '.' ||
                                ((sql[i] == '+' || sql[i] == '-') && (sql[i - 1] == 'e' || sql[i - 1] == 'E'))))
        ++i;
      tokens.push_back({SqlToken::Kind::number, std::string(sql.substr(start, i - start))});
    } else if (word_char(c)) {
      const std::size_t start = i;
      while (i < sql.size() && word_char(sql[i])) ++i;
      tokens.push_back({SqlToken::Kind::word, std::string(sql.substr(start, i - start))});
    } else {
      static const char* const operators[] = {"->>", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "::", "->"};
      std::string op(1, c);
      for (const char* candidate : operators)
        if (sql.substr(i, std::string_view(candidate).size()) == candidate) {
          op = candidate;
          break;
        }
      i += op.size();
      tokens.push_back({SqlToken::Kind::punct, op});
    }
  }
  return tokens;
}

std::size_t matching_paren(const std::vector<SqlToken>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].is_punct("(")) ++depth;
    if (tokens[i].is_punct(")") && --depth == 0) return i;
  }
  return tokens.size();
}

std::string canonical_tokens(const std::vector<SqlToken>& tokens, std::size_t begin, std::size_t end) {
  // Parentheses around the whole text say nothing: DEFAULT (0) and DEFAULT 0 are one default.
  while (end - begin >= 2 && tokens[begin].is_punct("(") && matching_paren(tokens, begin) == end - 1) {
    ++begin;
    --end;
  }
  std::string text;
  for (std::size_t i = begin; i < end; ++i) {
    if (!text.empty()) text += ' ';
    const SqlToken& token = tokens[i];
    text += token.kind == SqlToken::Kind::word || token.kind == SqlToken::Kind::quoted_name ? ascii_lower(token.text)
                                                                                            : token.text;
  }
  return text;
}

std::vector<std::pair<std::size_t, std::size_t>> split_list(const std::vector<SqlToken>& tokens, std::size_t open,
                                                            std::size_t close) {
  std::vector<std::pair<std::size_t, std::size_t>> items;
  std::size_t start = open + 1;
  int depth = 0;
  for (std::size_t i = open + 1; i < close; ++i) {
    if (tokens[i].is_punct("(")) ++depth;
    if (tokens[i].is_punct(")")) --depth;
    if (depth == 0 && tokens[i].is_punct(",")) {
      items.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < close) items.emplace_back(start, close);
  return items;
}

std::string canonical_sql(const std::string& sql) {
  const auto tokens = sql_tokens(sql);
  return canonical_tokens(tokens, 0, tokens.size());
}

}  // namespace dbmig::test::catalog
