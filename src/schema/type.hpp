#pragma once
// A column type in dialect-neutral form. Generic types (PRODUCT.md section 2) are mapped per
// dialect; any other name is kept verbatim as a dialect-native type.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::schema {

enum class TypeKind {
  integer, bigint, smallint, string, text, boolean, float_, double_, numeric,
  date, time, datetime, timestamptz, json, uuid, binary, enumeration,
  native,  // anything else, passed through as written (jsonb, inet, tsvector, ...)
};

struct Type {
  TypeKind kind = TypeKind::text;
  std::optional<int> length;             // string(n)
  std::optional<int> precision;          // numeric(p[,s])
  std::optional<int> scale;
  std::vector<std::string> enum_values;  // enum(a, b, ...), in declared order
  std::string native;                    // the verbatim name of a native type, lower-cased
  // A named enum type (PostgreSQL's CREATE TYPE ... AS ENUM, declared under models.yaml `enums:`
  // and shared by any number of columns): its name, as the database spells it, and its database
  // schema (empty: the default one); enum_values are its values. Both empty for an inline
  // enum(a, b), whose type the dialect names after its table and column.
  std::string enum_name = {};
  std::string enum_schema = {};

  bool is_named_enum() const { return kind == TypeKind::enumeration && !enum_name.empty(); }
  bool operator==(const Type&) const = default;
};

// How models.yaml and revision files name an enum type: `order_status`, `billing.order_status`,
// a part in double quotes where it is not a plain word (`"Order Status"`).
std::string enum_reference(std::string_view schema, std::string_view name);
struct EnumReference {
  std::string schema;  // empty: the default schema
  std::string name;
};
// Reads enum_reference()'s text back; nullopt for anything else (trailing text included).
std::optional<EnumReference> parse_enum_reference(std::string_view text);

// What parse_type throws: the problem ("string needs a length") and the advice (the generic
// types, or a fix), both also in what() so that a plain std::invalid_argument handler says it all.
class TypeError : public std::invalid_argument {
 public:
  TypeError(std::string problem, std::string advice);
  const std::string& problem() const { return problem_; }
  const std::string& advice() const { return advice_; }

 private:
  std::string problem_;
  std::string advice_;
};

// Parses a model's type text: "integer", "string(80)", "numeric(10, 2)", "enum(user, admin)",
// "enum order_status(pending, shipped)" (a named enum type with its values, as revision files
// write it), "jsonb", "varchar(20)". Case-insensitive for generic names. Throws std::invalid_argument with a
// message saying what is wrong (the caller adds the file location).
Type parse_type(std::string_view text);

// The generic type name that a native type's name most likely misspells ("interger" -> "integer",
// "strng(80)" -> "string"), or nullopt. The name (the text before any parenthesis or bracket) is
// a misspelling when it is no native type of a supported database's own (int4, float8, jsonb,
// inet, timestamp, ...) and lies one edit (a letter added, dropped, changed, or two swapped) from
// a generic name of at most 4 letters, or two from a longer one. A models file refuses such a
// name written bare; native(...) says the type is meant (docs/models.md, Types).
std::optional<std::string> misspelt_generic_type(const Type& type);

// Whether the type holds whole numbers, as autoincrement needs: integer, bigint, smallint, or a
// native integer type (MySQL's tinyint, mediumint, "int unsigned", "bigint unsigned zerofill").
bool is_integer_type(const Type& type);

// The canonical model spelling, which parse_type reads back to an equal Type.
std::string to_string(const Type& type);

}  // namespace dbmig::schema
