#pragma once
// The full parse of a YAML file into dbmig's tree (yaml_tree.hpp), within the limits of
// yaml_limits.hpp: how a file the quick reader (plain_yaml.hpp) does not read, or one with a
// mistake to report, is read. yaml-cpp's parser hands over events (a scalar, the start of a list,
// an alias...) that build the tree directly, so an alias is copied where it stands, within the
// budget, and a message about it can name the alias's own position.
#include <string_view>

#include "model/yaml_tree.hpp"

namespace dbmig::model {

// The root of the first document in `text` (null for an empty text), its nodes placed in `file`.
// Throws a usage error (exit 2) at file:line:column for a YAML syntax error, nesting deeper than
// max_yaml_depth, an alias inside the value it refers to, or aliases expanding past
// expanded_node_limit. Safe on any input, as a fuzz target needs.
YamlNode load_yaml_tree(std::string_view text, std::string_view file);

}  // namespace dbmig::model
