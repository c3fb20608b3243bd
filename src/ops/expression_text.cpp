#include "ops/expression_text.hpp"

#include <algorithm>

#include "dialect/keywords.hpp"

namespace dbmig::ops::detail {

namespace {

bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_word_char(char c) { return is_word_start(c) || (c >= '0' && c <= '9') || c == '$'; }

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

// The new name bare when every dialect reads it so, else in double quotes: a keyword bare (order,
// select) would not parse.
std::string spelled(std::string_view name) {
  if (!dialect::needs_quotes_in_any_dialect(name)) return std::string(name);
  std::string quoted = "\"";
  for (const char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// One past the end of a quoted run opened at `at`; a doubled quote is an escaped one.
std::size_t quoted_end(std::string_view text, std::size_t at, char quote) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] != quote) continue;
    if (i + 1 < text.size() && text[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  return text.size();
}

std::string unquoted(std::string_view quoted) {
  std::string name;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    name += quoted[i];
    if (quoted[i] == '"' && quoted[i + 1] == '"') ++i;
  }
  return name;
}

bool followed_by_parenthesis(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
  return at < text.size() && text[at] == '(';
}

bool is_plain(std::string_view name) {
  return !name.empty() && !(name[0] >= '0' && name[0] <= '9') && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The text without spacing, lower-case outside string literals and quoted names; a quoted plain
// name as the bare word ("order" and order: whether a dialect needs the quotes does not matter
// for telling two expressions apart).
std::string loose_form(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (c == '\'' || c == '"') {
      const std::size_t end = quoted_end(text, at, c);
      const std::string_view quoted = text.substr(at, end - at);
      if (const std::string name = c == '"' ? unquoted(quoted) : std::string(); is_plain(name)) {
        out += name;
      } else {
        out.append(quoted);
      }
      at = end;
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    ++at;
  }
  return out;
}

}  // namespace

bool same_expression_text(std::string_view a, std::string_view b) { return loose_form(a) == loose_form(b); }

std::string rename_column_in_expression(std::string_view expression, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t at = 0;
  while (at < expression.size()) {
    const char c = expression[at];
    std::size_t end = at + 1;
    if (c == '\'') {
      end = quoted_end(expression, at, '\'');
    } else if (c == '-' && end < expression.size() && expression[end] == '-') {
      end = expression.find('\n', at);
      if (end == std::string_view::npos) end = expression.size();
    } else if (c == '/' && end < expression.size() && expression[end] == '*') {
      end = expression.find("*/", at + 2);
      end = end == std::string_view::npos ? expression.size() : end + 2;
    } else if (c == '"') {
      end = quoted_end(expression, at, '"');
      if (unquoted(expression.substr(at, end - at)) == from && !followed_by_parenthesis(expression, end)) {
        out += spelled(to);
        at = end;
        continue;
      }
    } else if (is_word_start(c)) {
      while (end < expression.size() && is_word_char(expression[end])) ++end;
      const std::string_view word = expression.substr(at, end - at);
      if (equal_ignoring_ascii_case(word, from) && !followed_by_parenthesis(expression, end)) {
        out += spelled(to);
        at = end;
        continue;
      }
    } else if (c >= '0' && c <= '9') {
      while (end < expression.size() && (is_word_char(expression[end]) || expression[end] == '.')) ++end;  // 1e5, 0x1f
    }
    out.append(expression, at, end - at);
    at = end;
  }
  return out;
}

}  // namespace dbmig::ops::detail
