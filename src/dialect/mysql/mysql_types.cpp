// read_type: MySQL/MariaDB type spellings -> schema::Type (type_sql is in mysql_type_sql.cpp).
#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <vector>

#include "dialect/common/sql_tokens.hpp"
#include "dialect/mysql/mysql_string_literal.hpp"
#include "dialect/mysql/mysql_types.hpp"

namespace dbmig::dialect::mysql {
namespace {

using schema::Type;
using schema::TypeKind;

// A type name taken apart: "INT(10) UNSIGNED ZEROFILL" -> name "int", arguments {"10"},
// attributes "unsigned zerofill"; "enum('a','b')" -> name "enum", arguments {"'a'", "'b'"}.
struct SpelledType {
  std::string name;                    // lower-case words before the parentheses, one space apart
  std::vector<std::string> arguments;  // each argument's source text, as written
  std::string attributes;              // lower-case words after the parentheses
};

void append_word(std::string& words, std::string_view word) {
  if (!words.empty()) words += ' ';
  words += to_lower_ascii(word);
}

bool is_attribute(const Token& word) {
  return word.is_keyword("unsigned") || word.is_keyword("signed") || word.is_keyword("zerofill");
}

std::optional<SpelledType> split(std::string_view text) {
  const std::vector<Token> tokens = tokenize(text, Brackets::punctuation, StringEscapes::backslash);
  SpelledType spelled;
  std::size_t at = 0;
  // The name's words end at the parentheses or at an attribute: "integer unsigned".
  for (; at < tokens.size() && tokens[at].kind == TokenKind::word && !is_attribute(tokens[at]); ++at)
    append_word(spelled.name, tokens[at].text);
  if (spelled.name.empty()) return std::nullopt;
  if (at < tokens.size() && tokens[at].is('(')) {
    const std::size_t close = matching_parenthesis(tokens, at);
    if (close == tokens.size()) return std::nullopt;
    for (const TokenRange& argument : split_top_level(tokens, at + 1, close))
      spelled.arguments.emplace_back(source_text(text, tokens, argument));
    at = close + 1;
  }
  for (; at < tokens.size(); ++at) {
    if (tokens[at].kind != TokenKind::word) return std::nullopt;
    append_word(spelled.attributes, tokens[at].text);
  }
  return spelled;
}

// Other names of MySQL's types, and the name COLUMN_TYPE prints for them.
struct Alias {
  std::string_view spelling;
  std::string_view canonical;
};
constexpr std::array kAliases{
    Alias{"integer", "int"},           Alias{"int4", "int"},          Alias{"int1", "tinyint"},
    Alias{"int2", "smallint"},         Alias{"int3", "mediumint"},    Alias{"middleint", "mediumint"},
    Alias{"int8", "bigint"},           Alias{"dec", "decimal"},       Alias{"numeric", "decimal"},
    Alias{"fixed", "decimal"},         Alias{"double precision", "double"}, Alias{"real", "double"},
    Alias{"float8", "double"},         Alias{"float4", "float"},      Alias{"character", "char"},
    Alias{"nchar", "char"},            Alias{"national char", "char"}, Alias{"national character", "char"},
    Alias{"character varying", "varchar"}, Alias{"char varying", "varchar"}, Alias{"nvarchar", "varchar"},
    Alias{"national varchar", "varchar"}, Alias{"long varchar", "mediumtext"}, Alias{"long", "mediumtext"},
    Alias{"long varbinary", "mediumblob"},
};

constexpr std::array<std::string_view, 5> kIntegerTypes = {"tinyint", "smallint", "mediumint", "int", "bigint"};

bool is_integer_name(std::string_view name) {
  return std::find(kIntegerTypes.begin(), kIntegerTypes.end(), name) != kIntegerTypes.end();
}

std::optional<int> to_int(std::string_view digits) {
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// The numbers of an argument list; nullopt unless every argument is a number.
std::optional<std::vector<int>> numbers(const std::vector<std::string>& arguments) {
  std::vector<int> values;
  for (const std::string& argument : arguments) {
    const std::optional<int> value = to_int(argument);
    if (!value) return std::nullopt;
    values.push_back(*value);
  }
  return values;
}

// Folds a spelling to COLUMN_TYPE's: aliases resolved; bool is tinyint(1); "signed" dropped;
// float(p) by its precision; defaults MariaDB fills in (char is char(1), decimal is
// decimal(10,0), decimal(p) decimal(p,0), bit bit(1), a time precision of 0 none).
void canonicalize(SpelledType& spelled) {
  for (const Alias& alias : kAliases)
    if (spelled.name == alias.spelling) spelled.name = alias.canonical;
  if (spelled.name == "bool" || spelled.name == "boolean") {
    spelled.name = "tinyint";
    spelled.arguments = {"1"};
  }
  if (spelled.attributes == "signed") spelled.attributes.clear();
  const std::optional<std::vector<int>> values = numbers(spelled.arguments);
  if (spelled.name == "float" && values && values->size() == 1) {
    spelled.name = values->front() <= 24 ? "float" : "double";
    spelled.arguments.clear();
  }
  if ((spelled.name == "char" || spelled.name == "binary" || spelled.name == "bit") && spelled.arguments.empty())
    spelled.arguments = {"1"};
  if (spelled.name == "decimal" && spelled.arguments.empty()) spelled.arguments = {"10"};
  if (spelled.name == "decimal" && spelled.arguments.size() == 1) spelled.arguments.emplace_back("0");
  const bool time_type = spelled.name == "time" || spelled.name == "datetime" || spelled.name == "timestamp";
  if (time_type && spelled.arguments == std::vector<std::string>{"0"}) spelled.arguments.clear();
  // An integer's display width only pads with ZEROFILL; MariaDB prints a default one
  // (int(11)) that MySQL 8 leaves out. tinyint(1) is kept: it is how MySQL says boolean.
  const bool boolean = spelled.name == "tinyint" && spelled.arguments == std::vector<std::string>{"1"};
  if (is_integer_name(spelled.name) && !boolean && spelled.attributes.find("zerofill") == std::string::npos)
    spelled.arguments.clear();
}

// enum('a','b') and set('a','b'): the values of the quoted arguments; nullopt if one is not a string.
std::optional<std::vector<std::string>> quoted_values(const std::vector<std::string>& arguments) {
  std::vector<std::string> values;
  for (const std::string& argument : arguments) {
    if (argument.empty() || (argument.front() != '\'' && argument.front() != '"')) return std::nullopt;
    values.push_back(string_content(argument));
  }
  return values;
}

// The generic type a canonical spelling stands for, if any.
std::optional<Type> generic(const SpelledType& spelled) {
  Type type;
  if (spelled.name == "enum" && spelled.attributes.empty()) {
    std::optional<std::vector<std::string>> values = quoted_values(spelled.arguments);
    if (!values || values->empty()) return std::nullopt;
    type.kind = TypeKind::enumeration;
    type.enum_values = std::move(*values);
    return type;
  }
  if (!spelled.attributes.empty()) return std::nullopt;  // unsigned, zerofill: native
  const std::optional<std::vector<int>> arguments = numbers(spelled.arguments);
  if (!arguments) return std::nullopt;
  if (spelled.name == "tinyint" && *arguments == std::vector<int>{1}) {
    type.kind = TypeKind::boolean;
    return type;
  }
  if (spelled.name == "varchar" && arguments->size() == 1) {
    type.kind = TypeKind::string;
    type.length = arguments->front();
    return type;
  }
  if (spelled.name == "decimal" && arguments->size() == 2) {
    type.kind = TypeKind::numeric;
    type.precision = (*arguments)[0];
    type.scale = (*arguments)[1];
    return type;
  }
  if (!arguments->empty()) return std::nullopt;  // datetime(6), char(36), varbinary(16): native
  struct Plain {
    std::string_view name;
    TypeKind kind;
  };
  static constexpr std::array kPlain{
      Plain{"int", TypeKind::integer},     Plain{"bigint", TypeKind::bigint},     Plain{"smallint", TypeKind::smallint},
      Plain{"text", TypeKind::text},       Plain{"float", TypeKind::float_},      Plain{"double", TypeKind::double_},
      Plain{"date", TypeKind::date},       Plain{"time", TypeKind::time},         Plain{"datetime", TypeKind::datetime},
      Plain{"timestamp", TypeKind::timestamptz}, Plain{"json", TypeKind::json},   Plain{"uuid", TypeKind::uuid},
      Plain{"longblob", TypeKind::binary},
  };
  for (const Plain& plain : kPlain) {
    if (plain.name != spelled.name) continue;
    type.kind = plain.kind;
    return type;
  }
  return std::nullopt;
}

// COLUMN_TYPE's spelling: name(arguments) attributes, no spaces in the list, strings re-quoted
// as MariaDB prints them (set('a','b')).
std::string spelling_of(const SpelledType& spelled) {
  std::string text = spelled.name;
  if (!spelled.arguments.empty()) {
    text += '(';
    for (std::size_t at = 0; at < spelled.arguments.size(); ++at) {
      const std::string& argument = spelled.arguments[at];
      if (at > 0) text += ',';
      const bool quoted = !argument.empty() && (argument.front() == '\'' || argument.front() == '"');
      text += quoted ? quote_string(string_content(argument)) : to_lower_ascii(argument);
    }
    text += ')';
  }
  if (!spelled.attributes.empty()) text += ' ' + spelled.attributes;
  return text;
}

Type native(std::string spelling) {
  Type type;
  type.kind = TypeKind::native;
  type.native = std::move(spelling);
  return type;
}

}  // namespace

Type read_type(std::string_view spelling) {
  std::optional<SpelledType> spelled = split(spelling);
  if (!spelled) return native(to_lower_ascii(spelling));
  canonicalize(*spelled);
  if (std::optional<Type> type = generic(*spelled)) return std::move(*type);
  return native(spelling_of(*spelled));
}

}  // namespace dbmig::dialect::mysql
