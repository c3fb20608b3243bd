#pragma once
// Small text helpers shared by the loaders and the CLI.
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::util {

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// The candidate closest to `word` by edit distance, when close enough to be a likely typo
// ("nulable" -> "nullable"); empty otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "did you mean 'nullable'? valid keys: type, nullable, ..." style hint.
std::string unknown_name_hint(std::string_view word, const std::vector<std::string>& candidates,
                              std::string_view what = "keys");

}  // namespace dbmig::util
