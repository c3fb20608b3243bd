#include "dialect/mysql/mysql_statements.hpp"

#include <algorithm>
#include <optional>

#include "dialect/common/sql_tokens.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::mysql {

namespace {

// End of a MySQL string opened at `open` ('...' or "..."): a backslash escapes the next
// character, a doubled quote is one quote. Unterminated: the end of the text.
std::size_t string_end(std::string_view sql, std::size_t open) {
  const char quote = sql[open];
  for (std::size_t at = open + 1; at < sql.size(); ++at) {
    if (sql[at] == '\\') {
      ++at;
    } else if (sql[at] == quote) {
      if (at + 1 < sql.size() && sql[at + 1] == quote) {
        ++at;
        continue;
      }
      return at + 1;
    }
  }
  return sql.size();
}

// Where the shared tokenizer reads `token` differently from MySQL: a string with a backslash in
// it (an escaped quote there did not close it), or a '#' opening a comment.
std::optional<std::size_t> mysql_rule_at(const Token& token) {
  const bool quoted_text = (token.kind == TokenKind::string && token.text.front() == '\'') ||
                           (token.kind == TokenKind::quoted_identifier && token.text.front() == '"');
  if (quoted_text && token.text.find('\\') != std::string_view::npos) return token.offset;
  if (token.kind == TokenKind::other) {
    if (const std::size_t hash = token.text.find('#'); hash != std::string_view::npos) return token.offset + hash;
  }
  return std::nullopt;
}

// The shared tokenizer's tokens, corrected to MySQL's rules: the text up to the first place they
// differ is tokenized, that string or comment is read by MySQL's rules, and tokenizing goes on
// after it.
std::vector<Token> mysql_tokens(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t base = 0;
  while (true) {
    std::vector<Token> part = tokenize(sql.substr(base), Brackets::punctuation);
    for (Token& token : part) token.offset += base;
    const auto differs = std::find_if(part.begin(), part.end(), [](const Token& token) { return mysql_rule_at(token).has_value(); });
    tokens.insert(tokens.end(), part.begin(), differs);
    if (differs == part.end()) return tokens;
    const std::size_t at = *mysql_rule_at(*differs);
    if (sql[at] == '#') {
      if (at > differs->offset)
        tokens.push_back(Token{TokenKind::other, sql.substr(differs->offset, at - differs->offset), differs->offset});
      const std::size_t newline = sql.find('\n', at);
      base = newline == std::string_view::npos ? sql.size() : newline + 1;
    } else {
      const std::size_t end = string_end(sql, at);
      tokens.push_back(Token{TokenKind::string, sql.substr(at, end - at), at});
      base = end;
    }
  }
}

// Whether a CREATE statement makes a stored program (whose body may be BEGIN ... END), from the
// first word saying what it creates: DEFINER = ... and OR REPLACE may come before it.
std::optional<bool> creates_program(const Token& word) {
  for (const char* program : {"PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"})
    if (word.is_keyword(program)) return true;
  for (const char* other : {"TABLE", "VIEW", "INDEX", "DATABASE", "SCHEMA", "USER", "ROLE", "SEQUENCE", "SERVER",
                            "TABLESPACE", "UNIQUE", "FULLTEXT", "SPATIAL", "TEMPORARY", "PACKAGE"})
    if (word.is_keyword(other)) return false;
  return std::nullopt;
}

bool ends_compound(const Token& word) {
  for (const char* compound : {"IF", "LOOP", "WHILE", "REPEAT", "FOR"})
    if (word.is_keyword(compound)) return true;
  return false;
}

std::string_view trimmed(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

[[noreturn]] void refuse_delimiter() {
  throw usage_error("this raw sql step uses DELIMITER, a command of the mysql client that the server does not know",
                    std::nullopt,
                    "remove the DELIMITER lines and end each statement with ';': a stored program's BEGIN ... END "
                    "body is sent whole");
}

}  // namespace

std::vector<std::string> split_statements(std::string_view sql) {
  const std::vector<Token> tokens = mysql_tokens(sql);
  std::vector<std::string> statements;
  std::size_t begin = 0;      // where the current statement's text starts
  std::size_t count = 0;      // its tokens so far
  std::size_t first = 0;      // the index of its first token
  std::size_t parentheses = 0;
  std::size_t blocks = 0;     // BEGIN or CASE not yet closed by END, in a stored program
  std::optional<bool> program;
  const auto finish = [&](std::size_t end) {
    const std::string_view text = trimmed(sql.substr(begin, end - begin));
    const bool executable_comment = text.find("/*!") != std::string_view::npos || text.find("/*M!") != std::string_view::npos;
    if (count > 0 || executable_comment) statements.emplace_back(text);
    count = parentheses = blocks = 0;
    program.reset();
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.is(';') && parentheses == 0 && blocks == 0) {
      finish(token.offset);
      begin = token.end();
      continue;
    }
    if (++count == 1) {
      if (token.is_keyword("DELIMITER")) refuse_delimiter();
      first = i;
      const bool may_be_program = token.is_keyword("CREATE") || token.is_keyword("BEGIN");
      program = may_be_program ? std::nullopt : std::optional(false);
    } else if (!program && tokens[first].is_keyword("BEGIN")) {
      // MariaDB's anonymous block, BEGIN NOT ATOMIC ... END; a plain BEGIN starts a transaction.
      program = token.is_keyword("NOT");
      blocks = *program ? 1 : 0;
    } else if (!program && token.kind == TokenKind::word) {
      program = creates_program(token);
    }
    if (token.is('(')) ++parentheses;
    if (token.is(')') && parentheses > 0) --parentheses;
    if (program.value_or(false)) {
      if (token.is_keyword("BEGIN") || token.is_keyword("CASE")) ++blocks;
      const bool closes = token.is_keyword("END") && !(i + 1 < tokens.size() && ends_compound(tokens[i + 1]));
      if (closes && blocks > 0) --blocks;
    }
  }
  finish(sql.size());
  return statements;
}

}  // namespace dbmig::dialect::mysql
