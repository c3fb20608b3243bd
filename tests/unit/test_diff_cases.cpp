// Table-driven diff tests, in the manner of sqldef: each case in tests/data/diff/*.yaml gives a
// schema before and after (models.yaml form) and the upgrade steps autogenerate must write.
// Beyond the expected text, every case checks the properties that make a diff trustworthy:
// the upgrade really turns `before` into `after`, the downgrade turns it back, and a schema
// compared with itself gives nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "diff/diff.hpp"
#include "model/model.hpp"
#include "ops/yaml.hpp"
#include "yaml_emit.hpp"

namespace {

using namespace dbmig;
namespace fs = std::filesystem;

const schema::NamingConvention naming;

using dbmig::test::emit;

schema::Schema load_models(const YAML::Node& models, const std::string& where) {
  return model::load_string(emit(models), where, naming);
}

// A form of a schema where only what the diff compares counts: tables, columns and named things
// in name order (column order is not diffed: a dropped column comes back last), no model hints.
schema::Schema canonical(schema::Schema schema) {
  const auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  for (auto& table : schema.tables) {
    table.renamed_from.reset();
    for (auto& column : table.columns) column.renamed_from.reset();
    std::sort(table.columns.begin(), table.columns.end(), by_name);
    std::sort(table.indexes.begin(), table.indexes.end(), by_name);
    std::sort(table.uniques.begin(), table.uniques.end(), by_name);
    std::sort(table.foreign_keys.begin(), table.foreign_keys.end(), by_name);
    std::sort(table.checks.begin(), table.checks.end(), by_name);
  }
  std::sort(schema.tables.begin(), schema.tables.end(), [](const auto& a, const auto& b) {
    return std::tie(a.schema, a.name) < std::tie(b.schema, b.name);
  });
  return schema;
}

schema::Schema applied(schema::Schema schema, const std::vector<ops::Op>& steps) {
  for (const auto& step : steps) ops::apply(schema, step);
  return schema;
}

// The steps as the revision file shows them, one per line, so that a failure shows the difference.
std::string step_texts(const std::vector<ops::Op>& steps) {
  std::string texts;
  for (const auto& step : steps) texts += emit(ops::to_yaml(step)) + "\n";
  return texts;
}

void check_case(const YAML::Node& test, const std::string& where) {
  const schema::Schema before = load_models(test["before"], where + " before");
  const schema::Schema after = load_models(test["after"], where + " after");
  const diff::Result result = diff::compare(after, before);

  std::vector<ops::Op> expected;
  for (const auto& step : test["upgrade"]) expected.push_back(ops::from_yaml(step, where, naming));
  CHECK(step_texts(result.upgrade) == step_texts(expected));

  std::vector<std::string> expected_warnings;
  if (test["warnings"]) expected_warnings = test["warnings"].as<std::vector<std::string>>();
  REQUIRE(result.warnings.size() == expected_warnings.size());
  for (std::size_t i = 0; i < expected_warnings.size(); ++i) {
    CAPTURE(result.warnings[i]);
    CHECK(result.warnings[i].find(expected_warnings[i]) != std::string::npos);
  }

  // The downgrade is the exact inverse: each upgrade step reversed, last first.
  REQUIRE(result.downgrade.size() == result.upgrade.size());
  for (std::size_t i = 0; i < result.upgrade.size(); ++i)
    CHECK(result.downgrade[result.upgrade.size() - 1 - i] == ops::reverse(result.upgrade[i]));

  // The steps really do the job, both ways.
  CHECK(canonical(applied(before, result.upgrade)) == canonical(after));
  CHECK(canonical(applied(canonical(after), result.downgrade)) == canonical(before));
  CHECK(diff::compare(after, after).empty());
  CHECK(diff::compare(before, before).empty());
}

}  // namespace

TEST_CASE("diff cases from tests/data/diff") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DBMIG_TEST_DATA) / "diff"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());

  for (const auto& file : files) {
    const YAML::Node cases = YAML::LoadFile(file.string());
    for (const auto& test : cases) {
      const std::string where = file.filename().string() + ": " + test["case"].as<std::string>();
      CAPTURE(where);
      check_case(test, where);
    }
  }
}
