#include "dialect/sqlite/sqlite_types.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <vector>

#include "dialect/sqlite/sqlite_expression.hpp"
#include "dialect/common/sql_tokens.hpp"

namespace dbmig::dialect::sqlite {
namespace {

using schema::Type;
using schema::TypeKind;

struct Spelling {
  std::string_view name;  // upper case, words separated by one space
  TypeKind kind;
  std::size_t max_arguments;  // how many numbers may follow in parentheses
};

// The declared name dbmig writes for each generic type, and the only one read back as that
// type: any other spelling (INT, REAL, TIMESTAMP, NVARCHAR(20), bool) is kept as the native type
// it was declared as, so that inspect, a rebuild and `migrate` leave the declaration alone (SQLite
// keeps the declared text; INT PRIMARY KEY is not the rowid alias INTEGER PRIMARY KEY is).
constexpr std::array kSpellings{
    Spelling{"INTEGER", TypeKind::integer, 0},
    Spelling{"BIGINT", TypeKind::bigint, 0},
    Spelling{"SMALLINT", TypeKind::smallint, 0},
    Spelling{"VARCHAR", TypeKind::string, 1},
    Spelling{"TEXT", TypeKind::text, 0},
    Spelling{"BOOLEAN", TypeKind::boolean, 0},
    Spelling{"FLOAT", TypeKind::float_, 0},
    Spelling{"DOUBLE", TypeKind::double_, 0},
    Spelling{"NUMERIC", TypeKind::numeric, 2},
    Spelling{"DATE", TypeKind::date, 0},
    Spelling{"TIME", TypeKind::time, 0},
    Spelling{"DATETIME", TypeKind::datetime, 0},
    Spelling{"TIMESTAMPTZ", TypeKind::timestamptz, 0},
    Spelling{"JSON", TypeKind::json, 0},
    Spelling{"UUID", TypeKind::uuid, 0},
    Spelling{"BLOB", TypeKind::binary, 0},
};

std::string_view written_name(TypeKind kind) {
  const auto* spelling = std::find_if(kSpellings.begin(), kSpellings.end(),
                                      [kind](const Spelling& candidate) { return candidate.kind == kind; });
  return spelling == kSpellings.end() ? std::string_view() : spelling->name;
}

// Length in characters (UTF-8 continuation bytes not counted), as VARCHAR(n) means characters.
std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::optional<int> to_int(std::string_view digits) {
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// "NUMERIC ( 10 , 2 )" -> name "NUMERIC", arguments {10, 2}; nullopt when the text is not a
// sequence of words optionally followed by a parenthesised list of unsigned integers.
struct DeclaredParts {
  std::string name;
  std::vector<int> arguments;
};
std::optional<DeclaredParts> split_declared(std::string_view declared) {
  const std::vector<Token> tokens = tokenize(declared);
  DeclaredParts parts;
  std::size_t at = 0;
  for (; at < tokens.size() && tokens[at].kind == TokenKind::word; ++at) {
    if (!parts.name.empty()) parts.name += ' ';
    parts.name += to_upper_ascii(tokens[at].text);
  }
  if (at == tokens.size()) return parts;
  if (!tokens[at].is('(') || matching_parenthesis(tokens, at) != tokens.size() - 1) return std::nullopt;
  for (const TokenRange& argument : split_top_level(tokens, at + 1, tokens.size() - 1)) {
    if (argument.end - argument.begin != 1 || tokens[argument.begin].kind != TokenKind::number) return std::nullopt;
    const std::optional<int> value = to_int(tokens[argument.begin].text);
    if (!value) return std::nullopt;
    parts.arguments.push_back(*value);
  }
  return parts;
}

Type native_type(std::string_view declared) {
  Type type;
  type.kind = TypeKind::native;
  type.native = to_lower_ascii(normalize_expression(declared));
  return type;
}

}  // namespace

std::string declared_type(const Type& type) {
  switch (type.kind) {
    case TypeKind::native:
      return type.native;
    case TypeKind::string:
      return type.length ? "VARCHAR(" + std::to_string(*type.length) + ")" : "VARCHAR";
    case TypeKind::numeric:
      if (!type.precision) return "NUMERIC";
      if (!type.scale) return "NUMERIC(" + std::to_string(*type.precision) + ")";
      return "NUMERIC(" + std::to_string(*type.precision) + ", " + std::to_string(*type.scale) + ")";
    case TypeKind::enumeration: {
      std::size_t longest = 1;
      for (const std::string& value : type.enum_values) longest = std::max(longest, character_count(value));
      return "VARCHAR(" + std::to_string(longest) + ")";
    }
    default:
      return std::string(written_name(type.kind));
  }
}

bool is_rowid_alias(const schema::Table& table, const schema::Column& column) {
  if (table.sqlite.without_rowid || !table.primary_key || table.primary_key->columns.size() != 1 ||
      table.primary_key->columns.front() != column.name)
    return false;
  if (column.type.kind == TypeKind::integer) return true;
  return column.autoincrement && (column.type.kind == TypeKind::bigint || column.type.kind == TypeKind::smallint);
}

Type type_from_declared(std::string_view declared) {
  const std::optional<DeclaredParts> parts = split_declared(declared);
  if (!parts) return native_type(declared);
  const auto* spelling = std::find_if(kSpellings.begin(), kSpellings.end(),
                                      [&](const Spelling& candidate) { return candidate.name == parts->name; });
  if (spelling == kSpellings.end() || parts->arguments.size() > spelling->max_arguments) return native_type(declared);
  // string(n) needs its n: VARCHAR without a length stays the native type it was declared as
  // (written string(0) before, which no models file may say).
  if (spelling->kind == TypeKind::string && parts->arguments.empty()) return native_type(declared);
  // Sizes a models file could not say back (VARCHAR(0), NUMERIC(2, 5)) stay native too.
  if (!parts->arguments.empty() && parts->arguments[0] < 1) return native_type(declared);
  if (parts->arguments.size() == 2 && parts->arguments[1] > parts->arguments[0]) return native_type(declared);
  Type type;
  type.kind = spelling->kind;
  if (type.kind == TypeKind::string && !parts->arguments.empty()) type.length = parts->arguments[0];
  if (type.kind == TypeKind::numeric) {
    if (parts->arguments.size() >= 1) type.precision = parts->arguments[0];
    if (parts->arguments.size() >= 2) type.scale = parts->arguments[1];
  }
  return type;
}

}  // namespace dbmig::dialect::sqlite
