// schema_to_yaml: a whole models.yaml document, for `dbmig inspect`.
#include "model/model.hpp"
#include "model/table_writer.hpp"

namespace dbmig::model {

namespace {

// An enum type's key under `enums:`: its name as it is where that reads back as it (`Order
// Status`), else its reference (`billing.currency`, `"a.b"` for a name with a dot).
std::string enum_key(const schema::EnumType& type) {
  if (type.schema.empty()) {
    const std::optional<schema::EnumReference> read = schema::parse_enum_reference(type.name);
    if (!read || (read->schema.empty() && read->name == type.name)) return type.name;
  }
  return schema::enum_reference(type.schema, type.name);
}

}  // namespace

std::string schema_to_yaml(const schema::Schema& schema, const schema::NamingConvention& naming) {
  // An empty database is `tables: {}`, not a `{}` on a line of its own.
  YamlNode tables = YamlNode::mapping(schema.tables.empty() ? YamlNode::Style::flow : YamlNode::Style::any);
  // Table names are distinct: `inspect` reads one schema.
  for (const auto& table : schema.tables) tables.add(table.name, detail::write_table(table, &naming));
  YamlNode document = YamlNode::mapping();
  if (!schema.enums.empty()) {
    YamlNode enums = YamlNode::mapping();
    for (const auto& enum_type : schema.enums) {
      YamlNode values = YamlNode::sequence();
      for (const auto& value : enum_type.values) values.push(YamlNode::scalar(value));
      values.style = YamlNode::Style::flow;
      enums.add(enum_key(enum_type), std::move(values));
    }
    document.add("enums", std::move(enums));
  }
  document.add("tables", std::move(tables));
  YAML::Emitter out;
  out.SetIndent(2);
  out << yaml_cpp_of(document);
  return std::string(out.c_str()) + "\n";
}

std::string schema_to_yaml(const schema::Schema& schema) { return schema_to_yaml(schema, schema::NamingConvention{}); }

}  // namespace dbmig::model
