#pragma once
// Hints for misspelt names: "did you mean 'nullable'?".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::model {

// The candidate that `word` most likely misspells (a small edit distance, ignoring case), if any.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c"
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// A hint for an unknown name: "did you mean 'x'? <label>: a, b, c" (or "<label>: none").
std::string unknown_name_hint(std::string_view word, const std::vector<std::string>& candidates,
                              std::string_view label);

}  // namespace dbmig::model
