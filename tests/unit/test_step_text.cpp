// step_text writes a step as yaml-cpp's Emitter does, or declines: checked against the Emitter on
// every step the diff cases produce (both ways), a create_table for every table they name, and
// hand-made nodes at the edges of its rules.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "diff/diff.hpp"
#include "model/model.hpp"
#include "ops/yaml.hpp"
#include "revision/step_text.hpp"
#include "yaml_emit.hpp"

namespace {

using namespace dbmig;
namespace fs = std::filesystem;

const schema::NamingConvention naming;

using dbmig::test::emit;

struct Tally {
  int written = 0;
  int declined = 0;
};

// step_text either declines or writes exactly what the Emitter writes for the same tree.
void check_tree(const model::YamlNode& tree, Tally& tally) {
  const auto text = revision::step_text(tree);
  if (!text) {
    ++tally.declined;
    return;
  }
  ++tally.written;
  CHECK(*text == emit(model::yaml_cpp_of(tree)));
}

// A hand-made yaml-cpp node, its styles carried over.
void check_node(const YAML::Node& node, Tally& tally) {
  const model::YamlNode tree = model::tree_of(node, "test.yaml");
  CHECK(emit(model::yaml_cpp_of(tree)) == emit(node));  // the conversion loses nothing the Emitter shows
  check_tree(tree, tally);
}

void check_ops(const std::vector<ops::Op>& steps, Tally& tally) {
  for (const auto& step : steps) check_tree(ops::to_tree(step), tally);
}

}  // namespace

TEST_CASE("step_text: the Emitter's text for every step of the diff cases, or nothing") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DBMIG_TEST_DATA) / "diff"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());

  Tally tally, tables;
  for (const auto& file : files) {
    for (const auto& test : YAML::LoadFile(file.string())) {
      const std::string where = file.filename().string() + ": " + test["case"].as<std::string>();
      CAPTURE(where);
      const auto before = model::load_string(emit(test["before"]), where, naming);
      const auto after = model::load_string(emit(test["after"]), where, naming);
      const diff::Result result = diff::compare(after, before);
      check_ops(result.upgrade, tally);
      check_ops(result.downgrade, tally);
      for (const auto* schema : {&before, &after})
        for (const auto& table : schema->tables) check_tree(ops::to_tree(ops::CreateTable{table}), tables);
    }
  }
  // Most are written directly: otherwise the fast path would be dead code.
  CHECK(tally.written > tally.declined);
  CHECK(tables.written > 3 * tables.declined);
}

TEST_CASE("step_text: edges of its rules match the Emitter or decline") {
  Tally tally;
  const auto check_value = [&](const YAML::Node& value) {
    YAML::Node step(YAML::NodeType::Map);
    step["step"] = value;
    check_node(step, tally);
    YAML::Node flow_body(YAML::NodeType::Map);
    flow_body["key"] = value;
    flow_body["other"] = "x";
    flow_body.SetStyle(YAML::EmitterStyle::Flow);
    YAML::Node flow_step(YAML::NodeType::Map);
    flow_step["step"] = flow_body;
    check_node(flow_step, tally);
  };
  for (const char* text : {"plain", "with space", "numeric(12, 2)", "a: b", "a #b", "a#b", "#x", "-1", "- x", "-",
                           "?", "? x", "x?", ":", "x:", "a,b", "[x]", "{x}", "'q'", "\"q\"", "back\\slash", "", "~",
                           "null", "Null", "NULL", "true", "FALSE", "yes", "0", "0.5", "1e3", "trailing ", " leading",
                           "tab\there", "line\nbreak", "caf\xc3\xa9", "&anchor", "*alias", "!tag", "%x", "@x", "`x",
                           "|", ">", "x|y", "CURRENT_TIMESTAMP", "set null", "two  spaces", "a :b", "a: ", "x #", "lower(name)", "'it''s'", "a, b", "x]"})
    check_value(YAML::Node(std::string(text)));
  check_value(YAML::Node());  // null
  YAML::Node empty_map(YAML::NodeType::Map), empty_list(YAML::NodeType::Sequence);
  check_value(empty_map);
  check_value(empty_list);
  YAML::Node flow_list(YAML::NodeType::Sequence);
  flow_list.push_back("a");
  flow_list.push_back("b, c");
  flow_list.SetStyle(YAML::EmitterStyle::Flow);
  check_value(flow_list);
  YAML::Node block_list(YAML::NodeType::Sequence);
  block_list.push_back("a");
  block_list.push_back(flow_list);
  block_list.push_back(empty_map);
  check_value(block_list);
  // Copies, not the same nodes twice: a shared node is written as an anchor and an alias, which
  // neither dbmig's writers nor its tree make.
  YAML::Node nested(YAML::NodeType::Map);
  nested["inner"] = YAML::Clone(block_list);
  nested["flow"] = YAML::Clone(flow_list);
  nested["null"] = YAML::Node();
  check_value(nested);
  CHECK(tally.written > 0);
  CHECK(tally.declined > 0);
}
