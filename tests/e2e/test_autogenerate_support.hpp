#pragma once
// What the autogenerate suites share: comparing two introspected databases in a form where only
// what a migration may change counts, finding the revision `migrate` just wrote, and reading the
// kinds of its steps.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "harness.hpp"
#include "model/model.hpp"
#include "ops/op.hpp"
#include "revision/revision.hpp"

namespace dbmig::test {

// A schema with every list in a fixed order, so that two introspections of equal databases
// compare equal. Column order is left out on purpose: a downgrade that adds a dropped column back
// puts it last (ALTER TABLE ADD COLUMN can do nothing else), and the diff does not compare it.
inline schema::Schema canonical(schema::Schema schema) {
  const auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  for (auto& table : schema.tables) {
    std::sort(table.columns.begin(), table.columns.end(), by_name);
    std::sort(table.indexes.begin(), table.indexes.end(), by_name);
    std::sort(table.uniques.begin(), table.uniques.end(), by_name);
    std::sort(table.foreign_keys.begin(), table.foreign_keys.end(), by_name);
    std::sort(table.checks.begin(), table.checks.end(), by_name);
  }
  std::sort(schema.tables.begin(), schema.tables.end(),
            [](const auto& a, const auto& b) { return std::tie(a.schema, a.name) < std::tie(b.schema, b.name); });
  return schema;
}

// A readable form of a schema for failure messages: every constraint explicit, with its name.
inline std::string describe(const schema::Schema& schema) {
  std::string text;
  for (const auto& table : schema.tables) {
    YAML::Emitter out;
    out << model::table_to_yaml(table);
    text += table.name + ": " + out.c_str() + "\n";
  }
  return text.empty() ? "(no tables)\n" : text;
}

// A models document loaded and normalised by `dialect`: how `inspect` output is compared with the
// models it came from.
inline schema::Schema load_normalized(const std::string& document, const dialect::Dialect& dialect) {
  schema::Schema schema = model::load_string(document, "models.yaml", schema::NamingConvention{});
  dialect.normalize(schema);
  // Table order is the database's catalog order, not the model's; everything inside a table keeps
  // its order (columns as declared, constraints sorted by normalize).
  std::sort(schema.tables.begin(), schema.tables.end(),
            [](const auto& a, const auto& b) { return std::tie(a.schema, a.name) < std::tie(b.schema, b.name); });
  return schema;
}

// The revision file `migrate` added since `before` was listed; empty when it wrote none.
inline std::filesystem::path new_revision_file(const Project& project, const std::vector<std::filesystem::path>& before) {
  for (const auto& file : project.revision_files())
    if (std::find(before.begin(), before.end(), file) == before.end()) return file;
  return {};
}

// "add_column", "create_index", ... for each upgrade step of a revision file.
inline std::vector<std::string> upgrade_kinds(const std::filesystem::path& file) {
  const auto revision = revision::read_revision_file(file, schema::NamingConvention{});
  std::vector<std::string> kinds;
  for (const auto& op : revision.upgrade) kinds.push_back(ops::kind_name(op));
  return kinds;
}

inline bool says_no_changes(const CliResult& result) {
  return result.code == 0 && result.out.find("No changes detected") != std::string::npos;
}

}  // namespace dbmig::test
