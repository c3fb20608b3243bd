#include "lint/sql_statements.hpp"

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

}  // namespace

std::vector<SqlStatement> split_statements(std::string_view sql) {
  // Brackets as punctuation: PostgreSQL writes arrays with them, it does not quote names with them.
  const std::vector<Token> tokens = dialect::tokenize(sql, dialect::Brackets::punctuation);
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
