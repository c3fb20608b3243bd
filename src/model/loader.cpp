// models.yaml files -> one validated Schema.
#include "model/detail.hpp"
#include "model/model.hpp"

namespace dbmig::model {

namespace {

const std::vector<std::string> document_keys = {"tables"};

// Appends the tables of one parsed models document.
void read_document(const YAML::Node& document, std::string_view file, const schema::NamingConvention& naming,
                   std::vector<detail::LocatedTable>& tables) {
  const Value root = Value::at_node(document, file, "the models file");
  const Mapping mapping = root.mapping(document_keys);
  const auto tables_value = mapping.get("tables");
  if (!tables_value) return;
  const Mapping entries = tables_value->named_entries("write tables: {users: {columns: {...}}, ...}");
  for (const Entry& entry : entries.entries())
    tables.push_back(detail::read_located_table(entry.value, entry.key, entry.key_where, naming, {}));
}

schema::Schema checked_schema(std::vector<detail::LocatedTable> tables) {
  detail::check_schema(tables);
  schema::Schema schema;
  schema.tables.reserve(tables.size());
  for (auto& located : tables) schema.tables.push_back(std::move(located.table));
  return schema;
}

}  // namespace

Location location_of(const YAML::Node& node, std::string_view file) { return node_location(node, file); }

schema::Schema load_files(const std::vector<std::filesystem::path>& files, const schema::NamingConvention& naming) {
  std::vector<detail::LocatedTable> tables;
  for (const auto& file : files) {
    const std::string file_name = file.string();
    read_document(parse_yaml_file(file_name, "models file"), file_name, naming, tables);
  }
  return checked_schema(std::move(tables));
}

schema::Schema load_string(std::string_view yaml_text, std::string_view file_name,
                           const schema::NamingConvention& naming) {
  std::vector<detail::LocatedTable> tables;
  read_document(parse_yaml(yaml_text, file_name), file_name, naming, tables);
  return checked_schema(std::move(tables));
}

}  // namespace dbmig::model
