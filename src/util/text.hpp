#pragma once
// Small text helpers shared by the loaders and the CLI.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::util {

// ASCII letters lowered, every other byte kept (UTF-8 included): how SQLite folds names.
std::string lower_ascii(std::string_view text);

std::string join(const std::vector<std::string>& parts, std::string_view separator = ", ");

// A name as messages show it: "users". For messages only; SQL identifiers are quoted by the dialect.
std::string double_quoted(std::string_view name);

// The candidate that `word` most likely misspells (a small edit distance, ignoring case), if any:
// "nulable" -> "nullable".
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// A hint for an unknown name: "did you mean 'x'? <label>: a, b, c" (or "<label>: none").
std::string unknown_name_hint(std::string_view word, const std::vector<std::string>& candidates,
                              std::string_view label);

}  // namespace dbmig::util
