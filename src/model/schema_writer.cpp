// schema_to_yaml: a whole models.yaml document, for `dbmig inspect`.
#include "model/model.hpp"
#include "model/table_writer.hpp"

namespace dbmig::model {

std::string schema_to_yaml(const schema::Schema& schema, const schema::NamingConvention& naming) {
  YAML::Node tables(YAML::NodeType::Map);
  for (const auto& table : schema.tables) tables[table.name] = detail::write_table(table, &naming);
  // An empty database is `tables: {}`, not a `{}` on a line of its own.
  if (schema.tables.empty()) tables.SetStyle(YAML::EmitterStyle::Flow);
  YAML::Node document(YAML::NodeType::Map);
  document["tables"] = tables;
  YAML::Emitter out;
  out.SetIndent(2);
  out << document;
  return std::string(out.c_str()) + "\n";
}

std::string schema_to_yaml(const schema::Schema& schema) { return schema_to_yaml(schema, schema::NamingConvention{}); }

}  // namespace dbmig::model
