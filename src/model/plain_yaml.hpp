#pragma once
// A quick reader for the plain YAML of revision and models files, building the tree that
// the full parse gives (yaml_load.hpp), positions included, many times faster: yaml-cpp scans every character
// through its regular-expression matcher; applying a long chain of revisions spent a quarter of
// its time there, and `migrate` on 1,000 tables half (docs/performance.md). Like header_scan.hpp it reads only what dbmig writes and what
// people commonly type by hand:
//
//   block mappings and sequences indented with spaces, `- key: value` items, one-line flow
//   collections ({a: 1, b: [x, y]}), plain scalars, "double-quoted" scalars with simple escapes,
//   'single-quoted' scalars, full-line comments
//
// and gives up (nullopt) on anything else: block scalars (| >), anchors, aliases, tags, multi-line
// flow collections or scalars, comments after values, duplicate keys, tabs in indentation, odd
// characters in keys, nesting deeper than max_yaml_depth (yaml_limits.hpp). The caller then uses
// yaml-cpp (load_yaml_tree, yaml_load.hpp). Callers also parse a file again with yaml-cpp
// before they report a mistake in it, so that its position is yaml-cpp's for certain.
#include <optional>
#include <string_view>

#include "model/yaml_tree.hpp"

namespace dbmig::model {

// The document's root node (a mapping, a sequence or a scalar), or nullopt when the text uses
// YAML outside the subset above.
std::optional<YamlNode> read_plain_yaml(std::string_view text);

}  // namespace dbmig::model
