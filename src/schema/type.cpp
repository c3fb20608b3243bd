#include "schema/type.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "schema/naming.hpp"

namespace dbmig::schema {

namespace {

constexpr std::string_view generic_types_advice =
    "generic types are integer, bigint, smallint, string(n), text, boolean, float, double, numeric(p, s), date, "
    "time, datetime, timestamptz, json, uuid, binary, enum(a, b, ...); any other type name (jsonb, "
    "varchar(20), double precision) is passed to the database as written";

// Generic types without arguments. The first spelling of a kind is the canonical one.
struct SimpleType {
  std::string_view name;
  TypeKind kind;
};
constexpr SimpleType simple_types[] = {
    {"integer", TypeKind::integer}, {"int", TypeKind::integer},         {"bigint", TypeKind::bigint},
    {"smallint", TypeKind::smallint}, {"text", TypeKind::text},         {"boolean", TypeKind::boolean},
    {"bool", TypeKind::boolean},    {"float", TypeKind::float_},        {"double", TypeKind::double_},
    {"date", TypeKind::date},       {"time", TypeKind::time},           {"datetime", TypeKind::datetime},
    {"timestamptz", TypeKind::timestamptz}, {"json", TypeKind::json},   {"uuid", TypeKind::uuid},
    {"binary", TypeKind::binary},
};

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_quote(char c) { return c == '\'' || c == '"'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Type of_kind(TypeKind kind) {
  Type type;
  type.kind = kind;
  return type;
}

[[noreturn]] void fail(std::string problem, std::string_view advice = generic_types_advice) {
  throw TypeError(std::move(problem), std::string(advice));
}

// The index just past the quoted text that starts at `open` (a doubled quote inside is an
// escaped quote, as in SQL).
std::size_t skip_quoted(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] != quote) continue;
    if (i + 1 < text.size() && text[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  fail("unterminated quote in type '" + std::string(text) + "'");
}

// A type's text split at its first parenthesis group: name(arguments)rest.
struct TypeParts {
  std::string_view name;
  std::optional<std::string_view> arguments;
  std::string_view rest;
};

// Splits the text and checks that parentheses balance and quotes (only meaningful inside
// parentheses, for enum values) are closed.
TypeParts split_type_text(std::string_view text) {
  TypeParts parts{text, std::nullopt, {}};
  int depth = 0;
  std::size_t first_open = std::string_view::npos;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (depth > 0 && is_quote(c)) {
      i = skip_quoted(text, i);
      continue;
    }
    if (c == '(') {
      if (depth++ == 0 && first_open == std::string_view::npos) first_open = i;
    } else if (c == ')') {
      if (depth == 0) fail("unbalanced parentheses in type '" + std::string(text) + "'");
      if (--depth == 0 && !parts.arguments) {
        parts.name = text.substr(0, first_open);
        parts.arguments = text.substr(first_open + 1, i - first_open - 1);
        parts.rest = text.substr(i + 1);
      }
    }
    ++i;
  }
  if (depth != 0) fail("unbalanced parentheses in type '" + std::string(text) + "'");
  return parts;
}

// The comma-separated arguments inside a parenthesis group, trimmed; commas inside quotes or
// nested parentheses do not split.
std::vector<std::string_view> split_arguments(std::string_view arguments) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < arguments.size();) {
    const char c = arguments[i];
    if (is_quote(c)) {
      i = skip_quoted(arguments, i);
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(trim(arguments.substr(start, i - start)));
      start = i + 1;
    }
    ++i;
  }
  out.push_back(trim(arguments.substr(start)));
  return out;
}

int parse_whole_number(std::string_view text, std::string_view what, int minimum) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool digits_only = !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isdigit(c) != 0;
  });
  if (!digits_only || error != std::errc() || end != text.data() + text.size() || value < minimum) {
    fail(std::string(what) + " must be a whole number of at least " + std::to_string(minimum) + ", not '" +
         std::string(text) + "'",
         "for example string(80) or numeric(10, 2)");
  }
  return value;
}

Type parse_string_type(const std::vector<std::string_view>& arguments) {
  if (arguments.size() != 1) fail("string takes one length: string(n)", "for example string(80)");
  Type type = of_kind(TypeKind::string);
  type.length = parse_whole_number(arguments[0], "the length of string(n)", 1);
  return type;
}

Type parse_numeric_type(const std::vector<std::string_view>& arguments) {
  if (arguments.size() > 2) fail("numeric takes at most a precision and a scale: numeric(p, s)", "for example numeric(10, 2)");
  Type type = of_kind(TypeKind::numeric);
  type.precision = parse_whole_number(arguments[0], "the precision of numeric(p, s)", 1);
  if (arguments.size() == 2) {
    type.scale = parse_whole_number(arguments[1], "the scale of numeric(p, s)", 0);
    if (*type.scale > *type.precision)
      fail("the scale of numeric(" + std::to_string(*type.precision) + ", " + std::to_string(*type.scale) +
               ") is larger than its precision",
           "the scale counts digits after the point among the precision's digits: numeric(10, 2)");
  }
  return type;
}

std::string unquote(std::string_view quoted) {
  const char quote = quoted.front();
  std::string out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    out += quoted[i];
    if (quoted[i] == quote) ++i;  // a doubled quote stands for one
  }
  return out;
}

Type parse_enum_type(const std::vector<std::string_view>& arguments) {
  Type type = of_kind(TypeKind::enumeration);
  const std::string_view advice = "list the values: enum(user, admin), quoting any with spaces or commas: enum('a b', c)";
  for (auto argument : arguments) {
    std::string value;
    if (!argument.empty() && is_quote(argument.front())) {
      if (skip_quoted(argument, 0) != argument.size()) fail("unexpected text after the quoted enum value " + std::string(argument), advice);
      value = unquote(argument);
    } else {
      if (argument.empty()) fail("empty enum value", advice);
      if (std::any_of(argument.begin(), argument.end(), is_quote))
        fail("misplaced quote in enum value " + std::string(argument), advice);
      value = std::string(argument);
    }
    if (std::find(type.enum_values.begin(), type.enum_values.end(), value) != type.enum_values.end())
      fail("duplicate enum value '" + value + "'", "list each value once");
    // PostgreSQL keeps a value as a name (NAMEDATALEN): it refuses a longer one at upgrade.
    if (value.size() > max_identifier_length)
      fail("enum value '" + value + "' is " + std::to_string(value.size()) + " bytes long",
           "PostgreSQL allows " + std::to_string(max_identifier_length) +
               " bytes (a character outside ASCII takes 2 to 4); choose a shorter value");
    type.enum_values.push_back(std::move(value));
  }
  return type;
}

// A dialect-native type, kept as written but lower-cased and with one spelling of white space:
// "Timestamp (3)  WITH time zone" -> "timestamp(3) with time zone", so that the same type written
// twice compares equal.
std::string canonical_native_text(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = true;
      continue;
    }
    const bool punctuation = c == '(' || c == ')' || c == '[' || c == ']' || c == ',';
    if (!punctuation && pending_space && !out.empty() && out.back() != '(' && out.back() != '[') out += ' ';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    pending_space = c == ',';
  }
  return out;
}

Type parse_native_type(std::string_view text) {
  const auto allowed = [](char c) {
    return is_word_char(c) || is_space(c) || c == '(' || c == ')' || c == ',' || c == '[' || c == ']' || c == '.';
  };
  if (!(std::isalpha(static_cast<unsigned char>(text.front())) || text.front() == '_'))
    fail("type '" + std::string(text) + "' does not start with a letter");
  if (const auto bad = std::find_if_not(text.begin(), text.end(), allowed); bad != text.end())
    fail("unexpected character '" + std::string(1, *bad) + "' in type '" + std::string(text) + "'");
  // Every parenthesis group must hold arguments: "varchar()" or "varchar(20,)" is a typo.
  for (std::size_t open = text.find('('); open != std::string_view::npos; open = text.find('(', open + 1)) {
    const TypeParts group = split_type_text(text.substr(open));
    for (auto argument : split_arguments(*group.arguments))
      if (argument.empty()) fail("empty argument in type '" + std::string(text) + "'");
  }
  Type type = of_kind(TypeKind::native);
  type.native = canonical_native_text(text);
  return type;
}

std::optional<TypeKind> simple_kind(std::string_view name) {
  for (const auto& simple : simple_types)
    if (simple.name == name) return simple.kind;
  return std::nullopt;
}

// Enum values are written bare when that reads back the same, else single-quoted.
std::string enum_value_text(const std::string& value) {
  if (!value.empty() && std::all_of(value.begin(), value.end(), is_word_char)) return value;
  std::string out = "'";
  for (char c : value) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

// The names the generic types are written with, for spotting a misspelt one.
constexpr std::string_view generic_names[] = {"integer", "int",  "bigint", "smallint",    "string", "text",
                                              "boolean", "bool", "float",  "double",      "numeric", "date",
                                              "time",    "datetime", "timestamptz", "json", "uuid", "binary", "enum"};

// Native types of the supported databases that lie within a misspelling's distance of a generic
// name (found by measuring every built-in type name of SQLite's affinity rules, PostgreSQL's
// pg_type and MySQL/MariaDB against generic_names): never a misspelling.
constexpr std::string_view native_names_near_generic[] = {"int1", "int2",   "int3",  "int4",  "int8",
                                                          "float4", "float8", "inet", "jsonb", "timestamp"};

// Edits between two words: a letter inserted, deleted or changed, or two neighbours swapped
// ("itneger" is one from "integer").
std::size_t typo_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// How a native type is written so that parse_type reads it back native, and a models file loads
// it: its name, `untyped` for none, and native(name) where the bare name would read as a generic
// type (SQLite's INT, bool, BINARY, NUMERIC(10,2) spelled otherwise than dbmig writes it) or as a
// misspelt one (a SQLite column declared INTEGR).
std::string native_spelling(const std::string& native) {
  if (native.empty()) return "untyped";
  try {
    const Type read = parse_type(native);
    if (read.kind == TypeKind::native && read.native == native && !misspelt_generic_type(read)) return native;
  } catch (const TypeError&) {
    // A generic name with what it takes no arguments for (SQLite's DATETIME(6), as Rails
    // declares it) reads back inside native(); anything else no models file could say: as it is.
    try {
      parse_type("native(" + native + ")");
    } catch (const TypeError&) {
      return native;
    }
  }
  return "native(" + native + ")";
}


// One part of an enum reference at `at`: a plain word, or a double-quoted name ("" inside is one
// quote). Returns the part and moves `at` past it; nullopt when there is none.
std::optional<std::string> read_reference_part(std::string_view text, std::size_t& at) {
  if (at < text.size() && text[at] == '"') {
    std::string part;
    for (std::size_t i = at + 1; i < text.size(); ++i) {
      if (text[i] != '"') {
        part += text[i];
        continue;
      }
      if (i + 1 < text.size() && text[i + 1] == '"') {
        part += '"';
        ++i;
        continue;
      }
      at = i + 1;
      if (part.empty()) return std::nullopt;
      return part;
    }
    return std::nullopt;  // unterminated
  }
  const std::size_t start = at;
  while (at < text.size() && is_word_char(text[at])) ++at;
  if (at == start || std::isdigit(static_cast<unsigned char>(text[start]))) return std::nullopt;
  return std::string(text.substr(start, at - start));
}

// The leading enum reference of `text`, and where it ends.
std::optional<EnumReference> read_reference(std::string_view text, std::size_t& at) {
  std::optional<std::string> first = read_reference_part(text, at);
  if (!first) return std::nullopt;
  if (at < text.size() && text[at] == '.') {
    ++at;
    std::optional<std::string> second = read_reference_part(text, at);
    if (!second) return std::nullopt;
    return EnumReference{std::move(*first), std::move(*second)};
  }
  return EnumReference{{}, std::move(*first)};
}

std::string reference_part_text(std::string_view part) {
  const bool plain = !part.empty() && !std::isdigit(static_cast<unsigned char>(part.front())) &&
                     std::all_of(part.begin(), part.end(), is_word_char);
  if (plain) return std::string(part);
  std::string out = "\"";
  for (char c : part) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// "enum order_status(pending, shipped)": a named enum type with its values (none is allowed: a
// type created empty, values added later).
Type parse_named_enum_type(std::string_view text) {
  const std::string_view advice = "write enum name(a, b, ...): the type's name, then its values";
  std::size_t at = 4;
  while (at < text.size() && is_space(text[at])) ++at;
  std::optional<EnumReference> reference = read_reference(text, at);
  if (!reference) fail("enum type '" + std::string(text) + "' has no valid name after `enum`", advice);
  const std::string_view values = trim(text.substr(at));
  if (values.empty() || values.front() != '(') fail("enum type " + reference->name + " needs its values in parentheses", advice);
  const TypeParts parts = split_type_text(values);
  if (!trim(parts.rest).empty()) fail("unexpected text after the values of enum type " + reference->name, advice);
  for (const std::string& part : {reference->schema, reference->name}) {
    if (part.find('\0') != std::string::npos) fail("enum type name holds a NUL character", "no database can store it in a name; remove it");
    if (part.size() > max_identifier_length)
      fail("enum type name '" + part + "' is " + std::to_string(part.size()) + " bytes long",
           "PostgreSQL allows " + std::to_string(max_identifier_length) + " bytes; choose a shorter name");
  }
  Type type = trim(*parts.arguments).empty() ? of_kind(TypeKind::enumeration) : parse_enum_type(split_arguments(*parts.arguments));
  type.enum_schema = std::move(reference->schema);
  type.enum_name = std::move(reference->name);
  return type;
}

}  // namespace

std::string enum_reference(std::string_view schema, std::string_view name) {
  return schema.empty() ? reference_part_text(name) : reference_part_text(schema) + "." + reference_part_text(name);
}

std::optional<EnumReference> parse_enum_reference(std::string_view text) {
  text = trim(text);
  std::size_t at = 0;
  std::optional<EnumReference> reference = read_reference(text, at);
  if (!reference || at != text.size()) return std::nullopt;
  return reference;
}

TypeError::TypeError(std::string problem, std::string advice)
    : std::invalid_argument(problem + (advice.empty() ? "" : " (" + advice + ")")),
      problem_(std::move(problem)),
      advice_(std::move(advice)) {}

Type parse_type(std::string_view text) {
  text = trim(text);
  if (text.empty()) fail("empty type");
  if (text.size() > 5 && lower(text.substr(0, 4)) == "enum" && is_space(text[4])) return parse_named_enum_type(text);
  const TypeParts parts = split_type_text(text);
  const std::string name = lower(trim(parts.name));
  const bool only_name_and_arguments = trim(parts.rest).empty();

  if (only_name_and_arguments) {
    if (const auto kind = simple_kind(name)) {
      if (parts.arguments) fail("type " + name + " takes no arguments: write " + name);
      return of_kind(*kind);
    }
    const auto arguments = parts.arguments ? split_arguments(*parts.arguments) : std::vector<std::string_view>{};
    if (name == "string") {
      if (!parts.arguments) fail("type string needs a length", "write string(n), e.g. string(80), or text for unlimited length");
      return parse_string_type(arguments);
    }
    if (name == "numeric") return parts.arguments ? parse_numeric_type(arguments) : of_kind(TypeKind::numeric);
    if (name == "enum") {
      if (!parts.arguments) fail("type enum needs its values", "write enum(a, b, ...)");
      return parse_enum_type(arguments);
    }
    // A column declared without a type (SQLite only): the native type with no name.
    if (name == "untyped") {
      if (parts.arguments) fail("type untyped takes no arguments: write untyped");
      return of_kind(TypeKind::native);
    }
    // native(int): the native type `int` where the bare name would read as a generic type.
    if (name == "native" && parts.arguments) {
      const std::string_view inner = trim(*parts.arguments);
      if (inner.empty()) fail("empty type in native()", "write the database's type name: native(int)");
      return parse_native_type(inner);
    }
  }
  return parse_native_type(text);
}

std::optional<std::string> misspelt_generic_type(const Type& type) {
  if (type.kind != TypeKind::native || type.native.empty()) return std::nullopt;
  const std::string_view name = trim(std::string_view(type.native).substr(0, type.native.find_first_of("([")));
  for (const std::string_view known : native_names_near_generic)
    if (name == known) return std::nullopt;
  std::optional<std::string> closest;
  std::size_t closest_distance = 0;
  for (const std::string_view generic : generic_names) {
    const std::size_t tolerance = generic.size() <= 4 ? 1 : 2;
    const std::size_t distance = typo_distance(name, generic);
    // Distance 0 is the generic name with what makes it native (`text[]`, `time(3)`).
    if (distance == 0 || distance > tolerance) continue;
    if (!closest || distance < closest_distance) {
      closest = std::string(generic);
      closest_distance = distance;
    }
  }
  return closest;
}

bool is_integer_type(const Type& type) {
  if (type.kind == TypeKind::integer || type.kind == TypeKind::bigint || type.kind == TypeKind::smallint) return true;
  if (type.kind != TypeKind::native) return false;
  // The first word names the type; MySQL's attributes may follow it.
  static const std::vector<std::string_view> integer_names = {"tinyint", "smallint", "mediumint", "int",
                                                              "integer", "bigint", "int2", "int4", "int8"};
  static const std::vector<std::string_view> attributes = {"unsigned", "signed", "zerofill"};
  std::string_view rest = type.native;
  bool first = true;
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    const std::string_view word = rest.substr(0, space);
    const auto& allowed = first ? integer_names : attributes;
    if (std::find(allowed.begin(), allowed.end(), word) == allowed.end()) return false;
    first = false;
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return !first;
}

std::string to_string(const Type& type) {
  switch (type.kind) {
    case TypeKind::string:
      return "string(" + std::to_string(type.length.value_or(0)) + ")";
    case TypeKind::numeric:
      if (!type.precision) return "numeric";
      if (!type.scale) return "numeric(" + std::to_string(*type.precision) + ")";
      return "numeric(" + std::to_string(*type.precision) + ", " + std::to_string(*type.scale) + ")";
    case TypeKind::enumeration: {
      std::string out = type.enum_name.empty() ? "enum(" : "enum " + enum_reference(type.enum_schema, type.enum_name) + "(";
      for (std::size_t i = 0; i < type.enum_values.size(); ++i)
        out += (i > 0 ? ", " : "") + enum_value_text(type.enum_values[i]);
      return out + ")";
    }
    case TypeKind::native:
      return native_spelling(type.native);
    default:
      for (const auto& simple : simple_types)
        if (simple.kind == type.kind) return std::string(simple.name);
      return type.native;  // unreachable: every other kind is a simple type
  }
}

}  // namespace dbmig::schema
