#include "dialect/mysql/mysql_expression.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>

#include "dialect/common/expression_pieces.hpp"
#include "dialect/common/identifier_quoting.hpp"
#include "dialect/common/sql_tokens.hpp"
#include "dialect/mysql/mysql_keywords.hpp"
#include "dialect/mysql/mysql_string_literal.hpp"

namespace dbmig::dialect::mysql {
namespace {

using Piece = ExpressionPiece;
using Pieces = ExpressionPieces;

// Printed upper-case; every other bare word is lower-case.
constexpr std::array<std::string_view, 24> kKeywords = {
    "AND",  "OR",   "XOR",  "NOT",  "IS",     "NULL",     "IN",      "LIKE",    "RLIKE", "REGEXP", "BETWEEN", "CASE",
    "WHEN", "THEN", "ELSE", "END",  "EXISTS", "DISTINCT", "AS",      "COLLATE", "ESCAPE", "DIV",   "MOD",     "INTERVAL",
};

// Functions MariaDB prints under another of their names: {written, printed}.
struct Synonym {
  std::string_view written;
  std::string_view printed;
};
constexpr std::array kSynonyms{
    Synonym{"lower", "lcase"},   Synonym{"upper", "ucase"},   Synonym{"length", "octet_length"},
    Synonym{"substring", "substr"}, Synonym{"character_length", "char_length"},
};

bool is_keyword_text(std::string_view upper_text) {
  return std::find(kKeywords.begin(), kKeywords.end(), upper_text) != kKeywords.end();
}

bool is_keyword(const Piece& piece) { return piece.kind == TokenKind::word && is_keyword_text(piece.text); }

std::string backtick_quoted(std::string_view name) {
  std::string out = "`";
  for (const char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

Piece word_piece(std::string_view word) {
  const std::string upper = to_upper_ascii(word);
  if (upper == "TRUE") return {TokenKind::number, "1"};
  if (upper == "FALSE") return {TokenKind::number, "0"};
  if (is_keyword_text(upper)) return {TokenKind::word, upper};
  return {TokenKind::word, to_lower_ascii(word)};
}

Piece canonical_piece(const Token& token) {
  switch (token.kind) {
    case TokenKind::word:
      return word_piece(token.text);
    case TokenKind::quoted_identifier: {
      if (token.text.front() == '"') return {TokenKind::string, quote_string(token.value())};  // "x" is a string
      std::string name = token.value();
      const std::string lower = to_lower_ascii(name);
      if (reads_same_bare(lower, needs_quoting) && !is_keyword_text(to_upper_ascii(lower))) return {TokenKind::word, lower};
      return {TokenKind::quoted_identifier, backtick_quoted(name)};
    }
    case TokenKind::string:
      if (token.text.front() == '\'') return {TokenKind::string, quote_string(string_content(token.text))};
      return {TokenKind::string, to_lower_ascii(token.text.substr(0, 1)) + std::string(token.text.substr(1))};  // x'41'
    case TokenKind::other:
      if (token.text == "!=") return {TokenKind::other, "<>"};
      if (token.text == "&&") return {TokenKind::word, "AND"};
      if (token.text == "||") return {TokenKind::word, "OR"};  // without PIPES_AS_CONCAT
      if (token.text == "%") return {TokenKind::word, "MOD"};
      return {token.kind, std::string(token.text)};
    default:
      return {token.kind, std::string(token.text)};
  }
}

Pieces read_pieces(std::string_view expression) {
  const std::vector<Token> tokens = tokenize(expression, Brackets::punctuation, StringEscapes::backslash);
  Pieces pieces;
  for (std::size_t at = 0; at < tokens.size(); ++at) {
    const Token& token = tokens[at];
    // b'101' and introducers (_utf8mb4'x'): a word glued to the string after it is one literal.
    const bool prefix = token.kind == TokenKind::word && at + 1 < tokens.size() &&
                        tokens[at + 1].kind == TokenKind::string && tokens[at + 1].offset == token.end();
    if (prefix) {
      pieces.push_back({TokenKind::string, to_lower_ascii(token.text) + canonical_piece(tokens[at + 1]).text});
      ++at;
      continue;
    }
    pieces.push_back(canonical_piece(token));
  }
  return pieces;
}

bool call_at(const Pieces& pieces, std::size_t at) { return at + 1 < pieces.size() && pieces[at + 1].is("("); }

// now(), current_timestamp[(n)], localtime[(n)], localtimestamp[(n)] -> CURRENT_TIMESTAMP[(n)];
// current_date[()] -> curdate(); current_time[(n)] -> curtime([n]); one piece each, so that no
// space comes before the parentheses.
void respell_clock_functions(Pieces& pieces) {
  Pieces out;
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    const Piece& piece = pieces[at];
    const std::string name = to_lower_ascii(piece.text);
    const bool timestamp = name == "now" || name == "current_timestamp" || name == "localtime" || name == "localtimestamp";
    const bool date = name == "current_date" || name == "curdate";
    const bool time = name == "current_time" || name == "curtime";
    if (piece.kind != TokenKind::word || !(timestamp || date || time)) {
      out.push_back(piece);
      continue;
    }
    std::string precision;
    if (call_at(pieces, at)) {
      const std::size_t end = group_end(pieces, at + 1);
      if (end == at + 4 && pieces[at + 2].kind == TokenKind::number) {
        precision = pieces[at + 2].text == "0" ? "" : pieces[at + 2].text;
      } else if (end != at + 3) {
        out.push_back(piece);  // not a call of the clock function: leave it
        continue;
      }
      at = end - 1;
    } else if (name == "now" || name == "curdate" || name == "curtime") {
      out.push_back(piece);  // a name, not a call
      continue;
    }
    std::string text;
    if (timestamp) text = precision.empty() ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + precision + ")";
    if (date) text = "curdate()";
    if (time) text = "curtime(" + precision + ")";
    out.push_back({TokenKind::word, text});
  }
  pieces = std::move(out);
}

void respell_synonyms(Pieces& pieces) {
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    if (pieces[at].kind != TokenKind::word || !call_at(pieces, at)) continue;
    for (const Synonym& synonym : kSynonyms)
      if (pieces[at].text == synonym.written) pieces[at].text = std::string(synonym.printed);
  }
}

// x IN (a) -> x = a and x NOT IN (a) -> x <> a, as MariaDB stores a list of one.
void respell_single_in(Pieces& pieces) {
  Pieces out;
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    const bool list_of_one = pieces[at].is_word("IN") && at + 3 < pieces.size() && pieces[at + 1].is("(") &&
                             is_term(pieces[at + 2], is_keyword) && pieces[at + 3].is(")");
    if (!list_of_one) {
      out.push_back(std::move(pieces[at]));
      continue;
    }
    const bool negated = !out.empty() && out.back().is_word("NOT");
    if (negated) out.pop_back();
    out.push_back({TokenKind::other, negated ? "<>" : "="});
    out.push_back(std::move(pieces[at + 2]));
    at += 3;
  }
  pieces = std::move(out);
}

// --- Constants converted to the column's type -------------------------------------------------

// MySQL's boolean is tinyint(1): a whole number too.
bool holds_whole_numbers(const schema::Type& type) {
  return schema::is_integer_type(type) || type.kind == schema::TypeKind::boolean;
}

// The number a single-piece default holds (a number, or a string holding one), if any.
std::optional<std::string> constant_number(const Pieces& pieces) {
  if (pieces.size() != 1) return std::nullopt;
  std::string text = pieces.front().kind == TokenKind::string && pieces.front().text.front() == '\''
                         ? string_content(pieces.front().text)
                         : pieces.front().kind == TokenKind::number ? pieces.front().text : std::string();
  if (!text.empty() && text.front() == '+') text.erase(0, 1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return text;
}

// 1.5 in a decimal(10, 2) column is 1.50; nullopt when the digits do not fit the scale as they are.
std::optional<std::string> with_scale(std::string number, int scale) {
  if (number.find_first_of("eE") != std::string::npos) return std::nullopt;
  std::size_t point = number.find('.');
  if (point == std::string::npos) {
    if (scale == 0) return number;
    number += '.';
    point = number.size() - 1;
  }
  std::size_t decimals = number.size() - point - 1;
  while (decimals > static_cast<std::size_t>(scale) && number.back() == '0') {
    number.pop_back();
    --decimals;
  }
  if (decimals > static_cast<std::size_t>(scale)) return std::nullopt;
  number.append(static_cast<std::size_t>(scale) - decimals, '0');
  if (scale == 0) number.pop_back();  // the point
  if (number.front() == '.') number.insert(0, "0");
  if (number.rfind("-.", 0) == 0) number.insert(1, "0");
  return number;
}

std::string typed_constant(const std::string& canonical, const Pieces& pieces, const schema::Type& type) {
  const std::optional<std::string> number = constant_number(pieces);
  if (!number) return canonical;
  if (holds_whole_numbers(type)) {
    long long value = 0;
    const auto [end, error] = std::from_chars(number->data(), number->data() + number->size(), value);
    return error == std::errc() && end == number->data() + number->size() ? std::to_string(value) : canonical;
  }
  if (type.kind == schema::TypeKind::numeric && type.precision)
    return with_scale(*number, type.scale.value_or(0)).value_or(canonical);
  if (type.kind == schema::TypeKind::float_ || type.kind == schema::TypeKind::double_) {
    const double value = std::strtod(number->c_str(), nullptr);
    std::array<char, 64> buffer{};
    const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    const std::string shortest(buffer.data(), error == std::errc() ? end : buffer.data());
    // MariaDB prints large and small doubles in its own exponent form; those are kept as written.
    return shortest.empty() || shortest.find('e') != std::string::npos ? canonical : shortest;
  }
  return canonical;
}

std::string finish(Pieces& pieces) {
  join_signs(pieces, is_keyword);
  respell_clock_functions(pieces);
  respell_synonyms(pieces);
  respell_single_in(pieces);
  remove_term_parentheses(pieces, is_keyword);
  remove_outer_parentheses(pieces);
  return text_of(pieces, is_keyword);
}

}  // namespace

std::string canonical_expression(std::string_view expression) {
  Pieces pieces = read_pieces(expression);
  return finish(pieces);
}

std::optional<std::string> canonical_default(std::string_view default_sql, const schema::Type& type) {
  Pieces pieces = read_pieces(default_sql);
  const std::string canonical = finish(pieces);
  if (canonical.empty() || canonical == "NULL") return std::nullopt;
  return typed_constant(canonical, pieces, type);
}

}  // namespace dbmig::dialect::mysql
