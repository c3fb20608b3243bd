#pragma once
// A step of a new revision written as text directly, exactly as yaml-cpp's Emitter writes it.
//
// Why: rendering a revision of 1,000 create_table steps spent 1.9 G instructions (two thirds of
// render_revision, a third of `migrate`) in YAML::Emitter, which matches regular expressions
// character by character. The nodes ops::to_tree builds have a few fixed shapes and plain names
// in them, which this writes at a small fraction of that cost. It never guesses: whatever it is not
// sure to write byte for byte as the Emitter does (a block map inside a list, an empty block
// collection, a scalar whose quoting it cannot decide), it declines and the caller uses yaml-cpp.
#include <optional>
#include <string>

#include "model/yaml_tree.hpp"

namespace dbmig::revision {

// The Emitter's text for `node` (a block mapping, with nulls written `null`), or nullopt when
// this writer is not sure to produce exactly that.
std::optional<std::string> step_text(const model::YamlNode& node);

}  // namespace dbmig::revision
