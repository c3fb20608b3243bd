#pragma once
// Runs code expected to throw dbmig::Error and hands the error back for assertions.
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace dbmig::test {

template <class Code>
std::optional<Error> error_of(Code&& code) {
  try {
    code();
  } catch (const Error& error) {
    return error;
  }
  return std::nullopt;
}

inline bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace dbmig::test
