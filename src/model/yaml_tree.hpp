#pragma once
// The tree every YAML file dbmig reads becomes (models files, revision files, dbmig.yaml): plain
// values that know where they were written. The quick reader (plain_yaml.hpp) builds it directly;
// anything else is parsed by yaml-cpp and converted. Readers work on this tree, not on yaml-cpp's
// nodes: those are reference-counted and registered in a per-document set, and making, walking
// and freeing them was half of `dbmig check` on a 1,000-table models file (docs/performance.md).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace dbmig::model {

struct YamlNode {
  enum class Kind : std::uint8_t { null, scalar, sequence, mapping };

  Kind kind = Kind::null;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
  std::string text;               // a scalar's text
  std::vector<YamlNode> items;    // a sequence's items, or a mapping's values in document order
  std::vector<YamlNode> keys;     // a mapping's keys, one per value (a key may be a collection)

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }
};

// One parsed file: the name its errors give, and its root.
struct YamlDocument {
  std::string file;
  YamlNode root;
};

// yaml-cpp's tree as a YamlNode, with its marks as positions (an undefined node is null).
YamlNode tree_of(const YAML::Node& node);

}  // namespace dbmig::model
