// models.yaml files -> one validated Schema.
#include <stdexcept>

#include "model/detail.hpp"
#include "model/model.hpp"
#include "model/plain_yaml.hpp"

namespace dbmig::model {

namespace {

const std::vector<std::string> document_keys = {"enums", "tables"};

// A models file that declares nothing is a mistake far more often than an intent, and migrate
// would answer it with a revision dropping every table: say so, and ask for `tables: {}`.
constexpr const char* declare_no_tables_hint =
    "declare the tables under `tables:`; if the database really is to have no tables, write `tables: {}`";

struct ReadModels {
  std::vector<detail::LocatedTable> tables;
  std::vector<detail::LocatedEnum> enums;
};

// Appends the enum types and tables of one parsed models document.
void read_document(std::shared_ptr<const YamlDocument> document, const schema::NamingConvention& naming,
                   ReadModels& read) {
  const Value root = Value::root_of(std::move(document), "the models file");
  if (root.is_null())
    throw usage_error("the models file is empty (no YAML in it, or only comments)", Location{root.file(), 1, 1},
                      declare_no_tables_hint);
  const Mapping mapping = root.mapping(document_keys);
  if (const auto enums_value = mapping.get("enums")) detail::read_enums(*enums_value, read.enums);
  const auto tables_value = mapping.get("tables");
  if (!tables_value) throw usage_error("the models file has no `tables:` key", root.where(), declare_no_tables_hint);
  if (tables_value->is_null())
    throw usage_error("`tables:` is empty (null) in the models file", tables_value->where(), declare_no_tables_hint);
  const Mapping entries = tables_value->named_entries("write tables: {users: {columns: {...}}, ...}");
  for (const Entry& entry : entries.entries())
    read.tables.push_back(detail::read_located_table(entry.value, entry.key, entry.key_where(), naming, {}));
}

schema::Schema checked_schema(ReadModels read, const NameRules& rules) {
  detail::resolve_enum_columns(read.tables, read.enums);
  detail::check_misspelt_types(read.tables);
  detail::check_schema(read.tables, rules);
  schema::Schema schema;
  schema.tables.reserve(read.tables.size());
  for (auto& located : read.tables) schema.tables.push_back(std::move(located.table));
  for (auto& located : read.enums) schema.enums.push_back(std::move(located.type));
  return schema;
}

struct Document {
  std::string file;
  std::string text;
};

// The quick reader first (plain_yaml.hpp). Documents it cannot read, or that do not load cleanly
// from its tree, are loaded again from yaml-cpp's, so that an error's file:line:column is
// yaml-cpp's. A valid models file loads the same either way (test_plain_yaml).
schema::Schema load_documents(const std::vector<Document>& documents, const schema::NamingConvention& naming,
                              const NameRules& rules) {
  try {
    ReadModels read;
    for (const auto& document : documents) {
      auto root = read_plain_yaml(document.text);
      if (!root) throw std::invalid_argument("outside the quick reader's subset");
      read_document(std::make_shared<const YamlDocument>(YamlDocument{document.file, std::move(*root)}), naming, read);
    }
    return checked_schema(std::move(read), rules);
  } catch (const std::exception&) {
  }
  ReadModels read;
  for (const auto& document : documents) read_document(parse_document(document.text, document.file), naming, read);
  return checked_schema(std::move(read), rules);
}

}  // namespace

schema::Schema load_files(const std::vector<std::filesystem::path>& files, const schema::NamingConvention& naming,
                          const NameRules& rules) {
  std::vector<Document> documents;
  documents.reserve(files.size());
  for (const auto& file : files) {
    std::string file_name = file.string();
    std::string text = read_yaml_text(file_name, "models file");
    documents.push_back({std::move(file_name), std::move(text)});
  }
  return load_documents(documents, naming, rules);
}

schema::Schema load_string(std::string_view yaml_text, std::string_view file_name,
                           const schema::NamingConvention& naming, const NameRules& rules) {
  return load_documents({Document{std::string(file_name), std::string(yaml_text)}}, naming, rules);
}

}  // namespace dbmig::model
