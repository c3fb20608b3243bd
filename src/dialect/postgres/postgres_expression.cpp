#include "dialect/postgres/postgres_expression.hpp"

#include <algorithm>
#include <iterator>
#include <cctype>
#include <vector>

#include "dialect/common/expression_pieces.hpp"
#include "dialect/common/identifier_quoting.hpp"
#include "dialect/common/sql_tokens.hpp"
#include "dialect/postgres/postgres_keywords.hpp"

namespace dbmig::dialect::postgres {
namespace {

// A token after canonical spelling; the rewrites below work on these.
using Piece = ExpressionPiece;
using Pieces = ExpressionPieces;

// Printed upper-case, as PostgreSQL prints them; every other bare word is lower-case.
constexpr std::string_view kKeywords[] = {
    "AND",     "OR",       "NOT",          "IS",           "NULL",         "IN",           "LIKE",
    "ILIKE",   "SIMILAR",  "TO",           "BETWEEN",      "SYMMETRIC",    "CASE",         "WHEN",
    "THEN",    "ELSE",     "END",          "ANY",          "ALL",          "SOME",         "ARRAY",
    "EXISTS",  "DISTINCT", "FROM",         "AS",           "COLLATE",      "AT",           "TIME",
    "ZONE",    "ESCAPE",   "ISNULL",       "NOTNULL",      "OVERLAPS",     "CURRENT_DATE", "CURRENT_TIME",
    "CURRENT_TIMESTAMP",   "LOCALTIME",    "LOCALTIMESTAMP", "CURRENT_USER", "SESSION_USER", "CURRENT_ROLE",
};

// Typed literals lose their type like casts do: interval '1 day' is printed '1 day'::interval.
constexpr std::string_view kLiteralTypes[] = {
    "interval", "date", "time", "timestamp", "timestamptz", "numeric", "integer", "int", "bigint",
    "text",     "varchar", "boolean", "bool", "json", "jsonb", "uuid", "bytea",
};

constexpr std::string_view kNumericTypes[] = {
    "integer", "int", "int2", "int4", "int8", "smallint", "bigint", "numeric", "decimal",
    "real",    "float", "float4", "float8", "double",
};

template <std::size_t N>
bool contains(const std::string_view (&words)[N], std::string_view word) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool is_keyword(const Piece& piece) { return piece.kind == TokenKind::word && contains(kKeywords, piece.text); }

Pieces read_pieces(std::string_view expression) {
  Pieces pieces;
  for (const Token& token : tokenize(expression, Brackets::punctuation)) {
    Piece piece{token.kind, std::string(token.text)};
    // A quoted name PostgreSQL would print bare is compared as the bare word it prints: "at"
    // reads as at, spelt AT like the keyword.
    std::string_view bare_word;
    std::string name;
    if (token.kind == TokenKind::word) {
      bare_word = token.text;
    } else if (token.kind == TokenKind::quoted_identifier && token.text.front() == '"') {
      name = token.value();
      if (reads_same_bare(name, needs_quoting)) bare_word = name;
    }
    if (!bare_word.empty()) {
      const std::string keyword = upper(bare_word);
      piece = Piece{TokenKind::word, contains(kKeywords, keyword) ? keyword : lower(bare_word)};
    }
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

bool looks_like_number(std::string_view text) {
  std::size_t at = 0;
  if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
  const std::size_t digits_start = at;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
  if (at < text.size() && text[at] == '.') ++at;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
  if (at == digits_start) return false;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
    if (at == text.size()) return false;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
  }
  return at == text.size();
}

// The content of a string piece ('it''s' -> it's).
std::string string_content(std::string_view quoted) {
  std::string out;
  for (std::size_t at = 1; at + 1 < quoted.size(); ++at) {
    out += quoted[at];
    if (quoted[at] == '\'' && quoted[at + 1] == '\'') ++at;
  }
  return out;
}

// One past the type name starting at `at` (after "::"): a possibly qualified name, the words of
// PostgreSQL's multi-word types, a modifier in parentheses and array brackets.
std::size_t type_name_end(const Pieces& pieces, std::size_t at) {
  auto word_at = [&](std::size_t i, std::string_view word) { return i < pieces.size() && pieces[i].is_word(word); };
  auto skip_group = [&](std::size_t i, std::string_view opener) {
    return i < pieces.size() && pieces[i].is(opener) ? group_end(pieces, i) : i;
  };
  if (at >= pieces.size()) return at;
  const std::string first = lower(pieces[at].text);
  ++at;
  while (at + 1 < pieces.size() && pieces[at].is(".")) at += 2;  // schema.type
  if ((first == "character" || first == "char" || first == "bit") && word_at(at, "varying")) ++at;
  if (first == "double" && word_at(at, "precision")) ++at;
  if (first == "time" || first == "timestamp") {
    at = skip_group(at, "(");
    if ((word_at(at, "with") || word_at(at, "without")) && at + 2 < pieces.size() && pieces[at + 1].is_word("TIME") &&
        pieces[at + 2].is_word("ZONE")) {
      at += 3;
    }
  }
  at = skip_group(at, "(");
  while (at < pieces.size() && pieces[at].is("[")) at = group_end(pieces, at);
  return at;
}

// x::type -> x; '-1'::integer -> -1.
void remove_casts(Pieces& pieces) {
  Pieces out;
  for (std::size_t at = 0; at < pieces.size();) {
    if (!pieces[at].is_operator("::")) {
      out.push_back(std::move(pieces[at++]));
      continue;
    }
    const std::size_t end = type_name_end(pieces, at + 1);
    const bool numeric = at + 1 < pieces.size() && contains(kNumericTypes, lower(pieces[at + 1].text));
    if (numeric && !out.empty() && out.back().kind == TokenKind::string) {
      if (const std::string content = string_content(out.back().text); looks_like_number(content)) {
        out.back() = Piece{TokenKind::number, content};
      }
    }
    at = end;
  }
  pieces = std::move(out);
}

// interval '1 day' -> '1 day'.
void remove_literal_types(Pieces& pieces) {
  Pieces out;
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    const bool typed_literal = pieces[at].kind == TokenKind::word && contains(kLiteralTypes, lower(pieces[at].text)) &&
                               at + 1 < pieces.size() && pieces[at + 1].kind == TokenKind::string;
    if (!typed_literal) out.push_back(std::move(pieces[at]));
  }
  pieces = std::move(out);
}

// Operators PostgreSQL prints in another spelling.
void respell_operators(Pieces& pieces) {
  Pieces out;
  for (Piece& piece : pieces) {
    if (piece.kind != TokenKind::other) {
      out.push_back(std::move(piece));
      continue;
    }
    const std::string_view op = piece.text;
    const bool negated = op.size() > 1 && op.front() == '!' && op != "!=";
    const std::string_view positive = negated ? op.substr(1) : op;
    if (positive == "~~" || positive == "~~*") {
      if (negated) out.push_back(Piece{TokenKind::word, "NOT"});
      out.push_back(Piece{TokenKind::word, positive == "~~" ? "LIKE" : "ILIKE"});
    } else {
      out.push_back(op == "!=" ? Piece{TokenKind::other, "<>"} : std::move(piece));
    }
  }
  pieces = std::move(out);
}

// now() and transaction_timestamp() -> CURRENT_TIMESTAMP.
void respell_current_timestamp(Pieces& pieces) {
  Pieces out;
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    const bool call = (pieces[at].is_word("now") || pieces[at].is_word("transaction_timestamp")) &&
                      at + 2 < pieces.size() && pieces[at + 1].is("(") && pieces[at + 2].is(")");
    if (call) {
      out.push_back(Piece{TokenKind::word, "CURRENT_TIMESTAMP"});
      at += 2;
      continue;
    }
    out.push_back(std::move(pieces[at]));
  }
  pieces = std::move(out);
}

// x BETWEEN a AND b -> x >= a AND x <= b, as PostgreSQL stores it, for single terms x, a and b.
// (AND binds tighter than OR, so the expansion needs no parentheses wherever it stands.)
void expand_between(Pieces& pieces) {
  Pieces out;
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    const bool between = pieces[at].is_word("BETWEEN") && !out.empty() && is_term(out.back(), is_keyword) &&
                         at + 3 < pieces.size() && is_term(pieces[at + 1], is_keyword) && pieces[at + 2].is_word("AND") &&
                         is_term(pieces[at + 3], is_keyword);
    if (!between) {
      out.push_back(std::move(pieces[at]));
      continue;
    }
    const Piece subject = out.back();
    out.push_back(Piece{TokenKind::other, ">="});
    out.push_back(std::move(pieces[at + 1]));
    out.push_back(Piece{TokenKind::word, "AND"});
    out.push_back(subject);
    out.push_back(Piece{TokenKind::other, "<="});
    out.push_back(std::move(pieces[at + 3]));
    at += 3;
  }
  pieces = std::move(out);
}

// x = ANY (ARRAY[a, b]) -> x IN (a, b); x <> ALL (ARRAY[a, b]) -> x NOT IN (a, b).
void respell_array_membership(Pieces& pieces) {
  Pieces out;
  for (std::size_t at = 0; at < pieces.size(); ++at) {
    const bool any = pieces[at].is_operator("=") && at + 1 < pieces.size() && pieces[at + 1].is_word("ANY");
    const bool all = pieces[at].is_operator("<>") && at + 1 < pieces.size() && pieces[at + 1].is_word("ALL");
    const bool array = (any || all) && at + 4 < pieces.size() && pieces[at + 2].is("(") &&
                       pieces[at + 3].is_word("ARRAY") && pieces[at + 4].is("[");
    if (!array) {
      out.push_back(std::move(pieces[at]));
      continue;
    }
    const std::size_t list_end = group_end(pieces, at + 4);  // one past "]"
    const std::size_t call_end = group_end(pieces, at + 2);  // one past ")"
    if (call_end != list_end + 1) {  // ANY (ARRAY[...] || other): not a plain list
      out.push_back(std::move(pieces[at]));
      continue;
    }
    if (all) out.push_back(Piece{TokenKind::word, "NOT"});
    out.push_back(Piece{TokenKind::word, "IN"});
    out.push_back(Piece{TokenKind::punctuation, "("});
    for (std::size_t item = at + 5; item + 1 < list_end; ++item) out.push_back(std::move(pieces[item]));
    out.push_back(Piece{TokenKind::punctuation, ")"});
    at = call_end - 1;
  }
  pieces = std::move(out);
}

}  // namespace

std::string canonical_expression(std::string_view expression) {
  Pieces pieces = read_pieces(expression);
  remove_casts(pieces);
  remove_literal_types(pieces);
  join_signs(pieces, is_keyword);
  respell_operators(pieces);
  respell_current_timestamp(pieces);
  respell_array_membership(pieces);
  remove_term_parentheses(pieces, is_keyword);
  expand_between(pieces);
  remove_outer_parentheses(pieces);
  return text_of(pieces, is_keyword);
}

std::optional<std::string> canonical_default(std::string_view default_sql) {
  std::string canonical = canonical_expression(default_sql);
  if (canonical == "NULL" || canonical.empty()) return std::nullopt;
  return canonical;
}

std::string typed_default(std::string canonical_default, const schema::Type& type) {
  const Pieces pieces = read_pieces(canonical_default);
  if (pieces.size() != 1 || pieces.front().kind != TokenKind::string) return canonical_default;
  const std::string content = string_content(pieces.front().text);
  switch (type.kind) {
    case schema::TypeKind::smallint:
    case schema::TypeKind::integer:
    case schema::TypeKind::bigint:
    case schema::TypeKind::numeric:
    case schema::TypeKind::float_:
    case schema::TypeKind::double_:
      return looks_like_number(content) ? content : canonical_default;
    case schema::TypeKind::boolean: {
      const std::string word = lower(content);
      if (word == "t" || word == "true" || word == "y" || word == "yes" || word == "on" || word == "1") return "true";
      if (word == "f" || word == "false" || word == "n" || word == "no" || word == "off" || word == "0") return "false";
      return canonical_default;
    }
    default:
      return canonical_default;
  }
}

bool is_sequence_default(std::string_view default_sql) {
  const std::string canonical = canonical_expression(default_sql);
  return canonical.rfind("nextval(", 0) == 0 && canonical.back() == ')';
}

}  // namespace dbmig::dialect::postgres
