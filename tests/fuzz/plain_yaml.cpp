// Fuzz target: the quick YAML reader (model/plain_yaml.hpp) and the YAML trees (model/yaml_tree.hpp).
// Any text goes through yaml-cpp and its conversion to dbmig's tree; where the quick reader reads
// the text, its tree must be yaml-cpp's, positions included (the promise in plain_yaml.hpp), and
// both trees must convert back to yaml-cpp's nodes and print.
#include <yaml-cpp/yaml.h>

#include "fuzz_support.hpp"
#include "model/plain_yaml.hpp"
#include "model/yaml_value.hpp"

namespace {

using dbmig::model::YamlNode;

// As tests/unit/test_plain_yaml.cpp compares: a null the quick reader leaves unplaced is reported
// at its key or item, so only placed nodes must sit at yaml-cpp's mark.
bool same_tree(const YamlNode& quick, const YamlNode& parsed) {
  if (quick.kind != parsed.kind || quick.text != parsed.text || quick.items.size() != parsed.items.size() ||
      quick.keys.size() != parsed.keys.size())
    return false;
  if ((quick.line != 0 || !quick.is_null()) && (quick.line != parsed.line || quick.column != parsed.column)) return false;
  for (std::size_t i = 0; i < quick.items.size(); ++i)
    if (!same_tree(quick.items[i], parsed.items[i])) return false;
  for (std::size_t i = 0; i < quick.keys.size(); ++i)
    if (!same_tree(quick.keys[i], parsed.keys[i])) return false;
  return true;
}

void print(const YamlNode& node) {
  YAML::Emitter out;
  out << dbmig::model::yaml_cpp_of(node);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = dbmig::fuzz::text_of(data, size);
  const std::optional<YamlNode> quick = dbmig::model::read_plain_yaml(text);
  if (quick) print(*quick);
  try {
    const auto parsed = dbmig::model::parse_document(text, "fuzz.yaml");
    print(parsed->root);
    if (quick) dbmig::fuzz::require(same_tree(*quick, parsed->root), "the quick reader's tree is yaml-cpp's");
  } catch (const dbmig::Error&) {
    dbmig::fuzz::require(!quick, "the quick reader reads only what yaml-cpp reads");
  }
  return 0;
}
