#pragma once
// "did you mean ...?" for a mistyped command or option: the known word closest to a typo.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::cli {

// The edit distance (insertions, deletions, substitutions and swaps of neighbours) between a and b.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a typo of it (at most a third of
// the word's letters wrong, at least one allowed); the first one on a tie.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace dbmig::cli
