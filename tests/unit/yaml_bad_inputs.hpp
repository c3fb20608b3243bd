#pragma once
// YAML made to crash or exhaust a reader (issue 12): shared by the tests of the limits
// (test_yaml_limits.cpp) and of each file reader (test_yaml_limits_readers.cpp).
#include <cstddef>
#include <string>
#include <string_view>

namespace dbmig::test {

inline std::string repeat(std::string_view part, std::size_t times) {
  std::string out;
  out.reserve(part.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += part;
  return out;
}

// `key:` holding `levels` lists inside one another (levels + 1 collections with the mapping).
inline std::string nested_brackets(std::string_view key, std::size_t levels) {
  return std::string(key) + ": " + repeat("[", levels) + repeat("]", levels) + "\n";
}

// Ten lines, each a list of ten aliases of the line before: 10^10 values from 600 bytes.
inline std::string billion_laughs() {
  std::string text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int line = 1; line < 10; ++line) {
    const std::string alias = "*l" + std::to_string(line - 1);
    text += "l" + std::to_string(line) + ": &l" + std::to_string(line) + " [" + alias;
    for (int i = 1; i < 10; ++i) text += ", " + alias;
    text += "]\n";
  }
  return text;
}

}  // namespace dbmig::test
