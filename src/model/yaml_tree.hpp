#pragma once
// The tree every YAML file dbmig reads becomes (models files, revision files, dbmig.yaml): plain
// values that know where they were written. Writers build it too (a new revision's steps,
// `inspect`), with a style per collection, and revision::step_text writes it as text. The quick reader (plain_yaml.hpp) builds it directly;
// anything else is parsed by yaml-cpp and converted. Readers work on this tree, not on yaml-cpp's
// nodes: those are reference-counted and registered in a per-document set, and making, walking
// and freeing them was half of `dbmig check` on a 1,000-table models file (docs/performance.md).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace dbmig::model {

struct YamlNode {
  enum class Kind : std::uint8_t { null, scalar, sequence, mapping };
  // How a collection is written: `any` leaves it to the emitter (block, or flow inside flow).
  enum class Style : std::uint8_t { any, block, flow };

  Kind kind = Kind::null;
  Style style = Style::any;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
  std::string text;               // a scalar's text
  std::vector<YamlNode> items;    // a sequence's items, or a mapping's values in document order
  std::vector<YamlNode> keys;     // a mapping's keys, one per value (a key may be a collection)

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }

  // ---- for writers ----
  static YamlNode scalar(std::string value);
  static YamlNode boolean(bool value);  // true / false
  static YamlNode none();               // null
  static YamlNode mapping(Style style = Style::any);
  static YamlNode sequence(Style style = Style::any);
  static YamlNode list(const std::vector<std::string>& items, Style style = Style::any);
  // Appends `key: value` to a mapping. Writers give each key once: nothing is replaced.
  YamlNode& add(std::string key, YamlNode value);
  YamlNode& add(std::string key, std::string value) { return add(std::move(key), scalar(std::move(value))); }
  YamlNode& add(std::string key, const char* value) { return add(std::move(key), scalar(value)); }
  YamlNode& add(std::string key, bool value) { return add(std::move(key), boolean(value)); }
  // Appends an item to a sequence.
  YamlNode& push(YamlNode item);
};

// One parsed file: the name its errors give, and its root.
struct YamlDocument {
  std::string file;
  YamlNode root;
};

// yaml-cpp's tree as a YamlNode, with its marks as positions and its styles (an undefined node
// is null), for a caller holding yaml-cpp nodes (files are read by load_yaml_tree, yaml_load.hpp).
// A usage error in `file` for a node inside itself (an alias in its own anchor's value) or nesting
// or aliases past the limits of yaml_limits.hpp, rather than endless recursion.
YamlNode tree_of(const YAML::Node& node, std::string_view file);
// How yaml-cpp's style of a collection is kept in the tree.
YamlNode::Style style_of(YAML::EmitterStyle::value style);
// A YamlNode as yaml-cpp's tree, styles included, for its Emitter.
YAML::Node yaml_cpp_of(const YamlNode& node);

}  // namespace dbmig::model
