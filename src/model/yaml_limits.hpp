#pragma once
// Bounds on the YAML dbmig reads (models files, dbmig.yaml, revision files), so that a broken or
// hostile file gets an error at file:line:column instead of a crash or a blow-up:
//
//   * nesting: at most max_yaml_depth collections inside one another. Parsers recurse once per
//     level (dbmig's quick reader, its tree's copies and destructor; yaml-cpp says only "bad file"
//     from 500 levels, and versions before 0.7 overflow the stack), so check_yaml_nesting runs on
//     the text before any parser sees it;
//   * aliases: a 10-line "billion laughs" file, each alias repeating the one before ten times,
//     expands to 10^9 values. Building the tree (yaml_load.hpp) stops when it would hold more than
//     expanded_node_limit values, and refuses an alias inside the value it names (`a: &a [*a]`,
//     an endless tree).
//
// Real files need a handful of levels and few aliases: the limits are far above them.
#include <cstddef>
#include <string_view>

#include "util/error.hpp"

namespace dbmig::model {

inline constexpr std::size_t max_yaml_depth = 256;
// The tree of a document may hold max(min_expanded_node_limit, expansion_factor x the values
// written in it): aliases may repeat values, but not explode them.
inline constexpr std::size_t min_expanded_node_limit = 100'000;
inline constexpr std::size_t expansion_factor = 10;

// What check_yaml_nesting learned of a text.
struct YamlTextShape {
  std::size_t written_nodes = 0;  // values as written (an alias counts as one), close to exact
};

// Scans `text` (named `file` in messages) for collections nested deeper than max_yaml_depth and
// throws a usage error (exit 2) at the bracket, `- `, `? ` or key that opens the first one too
// deep. Syntax errors are left to the parser: this never throws for them. Safe on any input.
YamlTextShape check_yaml_nesting(std::string_view text, std::string_view file);

// How many values the tree of a document with this shape may hold, aliases expanded.
std::size_t expanded_node_limit(const YamlTextShape& shape);

// The errors, shared by the text scan, the tree builders and their fuzz targets.
[[noreturn]] void fail_too_deep(Location where);
// `alias` as written (*name), or empty when unknown.
[[noreturn]] void fail_alias_cycle(Location where, std::string_view alias);
[[noreturn]] void fail_too_many_nodes(Location where, std::size_t limit);

}  // namespace dbmig::model
