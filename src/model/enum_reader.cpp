// models.yaml `enums:` (named enum types) and the columns that use them.
//
//   enums:
//     order_status: [pending, shipped]
//     billing.currency: [eur, usd]      # in another database schema
//   tables:
//     orders: {columns: {status: {type: order_status}}}
//
// A column names an enum type by its reference (`type: order_status`); a revision file's column
// carries the whole type (`type: enum order_status(pending, shipped)`), which a models file may
// use too: it declares the type when `enums:` does not, and must agree with it when it does.
#include <algorithm>
#include <unordered_set>

#include "model/detail.hpp"
#include "schema/naming.hpp"
#include "util/text.hpp"

namespace dbmig::model {

std::vector<std::string> read_enum_values(const Value& value, const std::string& name) {
  constexpr const char* enum_values_hint = "write the values as a list: order_status: [pending, shipped]";
  if (!value.is_sequence() && !value.is_null()) value.fail("expected the values of enum type " + name + " as a list", enum_values_hint);
  std::vector<std::string> values;
  for (const Value& item : value.items()) {
    std::string text = item.text();
    if (text.empty()) item.fail("empty value in enum type " + name, "an enum value needs at least one character");
    if (text.size() > schema::max_identifier_length)
      item.fail("enum value '" + text + "' is " + std::to_string(text.size()) + " bytes long",
                "PostgreSQL allows " + std::to_string(schema::max_identifier_length) + " bytes; choose a shorter value");
    if (text.find('\0') != std::string::npos) item.fail("enum value of " + name + " holds a NUL character");
    if (std::find(values.begin(), values.end(), text) != values.end())
      item.fail("duplicate value '" + text + "' in enum type " + name, "list each value once");
    values.push_back(std::move(text));
  }
  return values;
}

namespace detail {

namespace {

std::string reference_of(const schema::EnumType& enum_type) { return schema::enum_reference(enum_type.schema, enum_type.name); }

// The declared enum type a column's native type name stands for: `type: order_status` reads as
// the native type "order_status" (lower-cased) until the declarations are known.
const LocatedEnum* declared_for_native(const std::vector<LocatedEnum>& declared, const schema::Type& type) {
  if (type.kind != schema::TypeKind::native) return nullptr;
  for (const LocatedEnum& candidate : declared)
    if (util::lower_ascii(reference_of(candidate.type)) == type.native) return &candidate;
  return nullptr;
}

const LocatedEnum* declared_by_name(const std::vector<LocatedEnum>& declared, const schema::Type& type) {
  for (const LocatedEnum& candidate : declared)
    if (candidate.type.name == type.enum_name && candidate.type.schema == type.enum_schema) return &candidate;
  return nullptr;
}

}  // namespace

void read_enums(const Value& value, std::vector<LocatedEnum>& enums) {
  const Mapping entries = value.named_entries("write enums: {order_status: [pending, shipped]}");
  for (const Entry& entry : entries.entries()) {
    // `billing.order_status` is in schema billing; a key that is no such reference (`Order Status`)
    // is the type's name as it is.
    std::optional<schema::EnumReference> reference = schema::parse_enum_reference(entry.key);
    if (!reference) reference = schema::EnumReference{{}, entry.key};
    check_identifier(reference->name, "enum type", entry.key_where());
    if (!reference->schema.empty()) check_identifier(reference->schema, "schema", entry.key_where());
    schema::EnumType type{reference->name, reference->schema, read_enum_values(entry.value, entry.key)};
    for (const LocatedEnum& earlier : enums)
      if (earlier.type.name == type.name && earlier.type.schema == type.schema)
        throw usage_error("enum type " + entry.key + " is declared twice", entry.key_where(),
                          "declare it once; the other declaration is at " + earlier.where.to_string());
    enums.push_back(LocatedEnum{std::move(type), entry.key_where()});
  }
}

void resolve_enum_columns(std::vector<LocatedTable>& tables, std::vector<LocatedEnum>& enums) {
  for (LocatedTable& located : tables) {
    for (std::size_t i = 0; i < located.table.columns.size(); ++i) {
      schema::Type& type = located.table.columns[i].type;
      if (const LocatedEnum* declared = declared_for_native(enums, type)) {
        type = schema::Type{};
        type.kind = schema::TypeKind::enumeration;
        type.enum_name = declared->type.name;
        type.enum_schema = declared->type.schema;
        type.enum_values = declared->type.values;
        continue;
      }
      if (!type.is_named_enum()) continue;
      const Location& where = located.column_where.at(i);
      if (const LocatedEnum* declared = declared_by_name(enums, type)) {
        if (declared->type.values != type.enum_values)
          throw usage_error("column " + located.table.name + "." + located.table.columns[i].name + " gives enum type " +
                                schema::enum_reference(type.enum_schema, type.enum_name) +
                                " other values than its declaration at " + declared->where.to_string(),
                            where, "write type: " + reference_of(declared->type) + " to use the declared values");
        continue;
      }
      enums.push_back(LocatedEnum{schema::EnumType{type.enum_name, type.enum_schema, type.enum_values}, where});
    }
  }
  // PostgreSQL gives every table a type of its name: an enum type of the same name cannot exist.
  for (const LocatedEnum& located : enums) {
    for (const LocatedTable& table : tables) {
      if (table.table.name == located.type.name && table.table.schema == located.type.schema)
        throw usage_error("enum type " + reference_of(located.type) + " has the name of table " + table.table.name,
                          located.where,
                          "PostgreSQL keeps a table's row type and enum types in one namespace: rename the enum "
                          "type (e.g. " + located.type.name + "_kind)");
    }
  }
}

}  // namespace detail
}  // namespace dbmig::model
