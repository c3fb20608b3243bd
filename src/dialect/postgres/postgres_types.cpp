#include "dialect/postgres/postgres_types.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <vector>

#include "util/error.hpp"

namespace dbmig::dialect::postgres {
namespace {

using schema::Type;
using schema::TypeKind;

// A type name taken apart: "timestamp(3) with time zone[]" -> name "timestamp with time zone",
// arguments "3", array "[]".
struct SpelledType {
  std::string name;       // lower-case words separated by one space
  std::string arguments;  // what the parentheses hold, spaces removed ("10,2"); empty if none
  std::string array;      // "[]" per array dimension (PostgreSQL ignores declared sizes)
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void append_word(std::string& words, std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    std::size_t end = at;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end > at) {
      if (!words.empty()) words += ' ';
      words += text.substr(at, end - at);
    }
    at = end;
  }
}

std::optional<SpelledType> split(std::string_view text) {
  SpelledType spelled;
  std::string rest = lower(text);
  // Array dimensions at the end: "int[]", "int [3][]".
  while (true) {
    while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.pop_back();
    if (rest.empty() || rest.back() != ']') break;
    const std::size_t open = rest.rfind('[');
    if (open == std::string::npos) return std::nullopt;
    rest.erase(open);
    spelled.array += "[]";
  }
  const std::size_t open = rest.find('(');
  if (open == std::string::npos) {
    append_word(spelled.name, rest);
  } else {
    const std::size_t close = rest.find(')', open);
    if (close == std::string::npos) return std::nullopt;
    append_word(spelled.name, std::string_view(rest).substr(0, open));
    for (const char c : std::string_view(rest).substr(open + 1, close - open - 1)) {
      if (!std::isspace(static_cast<unsigned char>(c))) spelled.arguments += c;
    }
    append_word(spelled.name, std::string_view(rest).substr(close + 1));
  }
  if (spelled.name.empty()) return std::nullopt;
  return spelled;
}

struct Alias {
  std::string_view spelling;
  std::string_view canonical;  // as format_type() prints it
  bool serial = false;
};

constexpr std::array kAliases{
    Alias{"int", "integer"},
    Alias{"int4", "integer"},
    Alias{"int8", "bigint"},
    Alias{"int2", "smallint"},
    Alias{"serial", "integer", true},
    Alias{"serial4", "integer", true},
    Alias{"bigserial", "bigint", true},
    Alias{"serial8", "bigint", true},
    Alias{"smallserial", "smallint", true},
    Alias{"serial2", "smallint", true},
    Alias{"varchar", "character varying"},
    Alias{"char varying", "character varying"},
    Alias{"char", "character"},
    Alias{"bool", "boolean"},
    Alias{"float4", "real"},
    Alias{"float8", "double precision"},
    Alias{"decimal", "numeric"},
    Alias{"time", "time without time zone"},
    Alias{"timetz", "time with time zone"},
    Alias{"timestamp", "timestamp without time zone"},
    Alias{"timestamptz", "timestamp with time zone"},
    Alias{"varbit", "bit varying"},
};

std::optional<int> to_int(std::string_view digits) {
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// The numbers of an argument list ("10,2"); nullopt unless every argument is a number.
std::optional<std::vector<int>> numbers(std::string_view arguments) {
  std::vector<int> values;
  if (arguments.empty()) return values;
  std::size_t at = 0;
  while (true) {
    const std::size_t comma = arguments.find(',', at);
    const std::optional<int> value = to_int(arguments.substr(at, comma == std::string_view::npos ? comma : comma - at));
    if (!value) return std::nullopt;
    values.push_back(*value);
    if (comma == std::string_view::npos) return values;
    at = comma + 1;
  }
}

// Folds a spelling to format_type()'s: aliases resolved, float(p) by its precision, char
// without a length is char(1).
bool canonicalize(SpelledType& spelled) {
  bool serial = false;
  for (const Alias& alias : kAliases) {
    if (spelled.name != alias.spelling) continue;
    spelled.name = alias.canonical;
    serial = alias.serial;
    break;
  }
  if (spelled.name == "float") {
    const std::optional<std::vector<int>> precision = numbers(spelled.arguments);
    const bool single = precision && precision->size() == 1 && precision->front() <= 24;
    spelled.name = single ? "real" : "double precision";
    spelled.arguments.clear();
  }
  if (spelled.name == "character" && spelled.arguments.empty()) spelled.arguments = "1";
  return serial;
}

// The generic type a canonical spelling stands for, if any.
std::optional<Type> generic(const SpelledType& spelled) {
  if (!spelled.array.empty()) return std::nullopt;
  const std::optional<std::vector<int>> arguments = numbers(spelled.arguments);
  if (!arguments) return std::nullopt;
  struct Plain {
    std::string_view name;
    TypeKind kind;
  };
  static constexpr std::array kPlain{
      Plain{"integer", TypeKind::integer},   Plain{"bigint", TypeKind::bigint},
      Plain{"smallint", TypeKind::smallint}, Plain{"text", TypeKind::text},
      Plain{"boolean", TypeKind::boolean},   Plain{"real", TypeKind::float_},
      Plain{"double precision", TypeKind::double_}, Plain{"date", TypeKind::date},
      Plain{"time without time zone", TypeKind::time},
      Plain{"timestamp without time zone", TypeKind::datetime},
      Plain{"timestamp with time zone", TypeKind::timestamptz},
      Plain{"json", TypeKind::json},         Plain{"uuid", TypeKind::uuid},
      Plain{"bytea", TypeKind::binary},
  };
  Type type;
  // string(n) needs its n: a varchar without a length (Rails' default) is the native
  // "character varying", which models may spell `varchar`; as string it was written string(0).
  if (spelled.name == "character varying" && arguments->size() == 1) {
    type.kind = TypeKind::string;
    type.length = arguments->front();
    return type;
  }
  if (spelled.name == "numeric" && arguments->size() <= 2) {
    type.kind = TypeKind::numeric;
    if (!arguments->empty()) {
      type.precision = (*arguments)[0];
      type.scale = arguments->size() == 2 ? (*arguments)[1] : 0;
    }
    return type;
  }
  if (!arguments->empty()) return std::nullopt;  // time(3), timestamp(3): kept native
  for (const Plain& plain : kPlain) {
    if (plain.name != spelled.name) continue;
    type.kind = plain.kind;
    return type;
  }
  return std::nullopt;
}

// format_type() puts a time type's precision after its first word: "timestamp(3) with time zone".
std::string spelling_of(const SpelledType& spelled) {
  std::string name = spelled.name;
  if (!spelled.arguments.empty()) {
    const bool time_type = name.rfind("time", 0) == 0 && name.find(" time zone") != std::string::npos;
    const std::size_t at = time_type ? name.find(' ') : name.size();
    name.insert(at, "(" + spelled.arguments + ")");
  }
  return name + spelled.array;
}

Type native(std::string spelling) {
  Type type;
  type.kind = TypeKind::native;
  type.native = std::move(spelling);
  return type;
}

}  // namespace

std::string type_sql(const Type& type) {
  switch (type.kind) {
    case TypeKind::integer: return "integer";
    case TypeKind::bigint: return "bigint";
    case TypeKind::smallint: return "smallint";
    case TypeKind::string: return type.length ? "varchar(" + std::to_string(*type.length) + ")" : "varchar";
    case TypeKind::text: return "text";
    case TypeKind::boolean: return "boolean";
    case TypeKind::float_: return "real";
    case TypeKind::double_: return "double precision";
    case TypeKind::numeric:
      if (!type.precision) return "numeric";
      return "numeric(" + std::to_string(*type.precision) + ", " + std::to_string(type.scale.value_or(0)) + ")";
    case TypeKind::date: return "date";
    case TypeKind::time: return "time";
    case TypeKind::datetime: return "timestamp";
    case TypeKind::timestamptz: return "timestamptz";
    case TypeKind::json: return "json";
    case TypeKind::uuid: return "uuid";
    case TypeKind::binary: return "bytea";
    case TypeKind::native:
      if (type.native.empty())
        throw usage_error("PostgreSQL has no untyped columns", std::nullopt,
                          "give the column a type: `untyped` is for SQLite columns declared without one");
      return type.native;
    case TypeKind::enumeration: break;
  }
  throw std::logic_error("an enum column's PostgreSQL type is named after its table and column");
}

ReadType read_type(std::string_view spelling) {
  // The one-byte "char" (pg_catalog's own, used in catalogs and by some schemas) is printed with
  // its quotes, which no model type may hold; bare `char` would be character(1). Its qualified
  // name says the same type and is a name a model can hold.
  constexpr std::string_view kQuotedChar = "\"char\"";
  if (spelling.substr(0, kQuotedChar.size()) == kQuotedChar)
    return ReadType{native("pg_catalog.char" + std::string(spelling.substr(kQuotedChar.size()))), false};
  // Quoted or schema-qualified names are the user's own types: kept exactly as written.
  if (spelling.find_first_of("\".") != std::string_view::npos) return ReadType{native(std::string(spelling)), false};
  std::optional<SpelledType> spelled = split(spelling);
  if (!spelled) return ReadType{native(lower(spelling)), false};
  const bool serial = canonicalize(*spelled);
  if (std::optional<Type> type = generic(*spelled)) return ReadType{std::move(*type), serial};
  return ReadType{native(spelling_of(*spelled)), serial};
}

}  // namespace dbmig::dialect::postgres
