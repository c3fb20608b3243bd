#pragma once
// What the fuzz targets share. Each target feeds libFuzzer's bytes to one reader of user input.
// dbmig::Error is the expected end of bad input and is caught by the target; any other exception,
// a sanitizer report, a hang or a broken promise (require below) is a crash that libFuzzer keeps.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace dbmig::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A promise a reader makes about its result (e.g. "the quick reader builds yaml-cpp's tree or gives
// up"): when it is broken, say which and abort, so libFuzzer saves the input as a crash.
inline void require(bool holds, const char* promise) {
  if (holds) return;
  std::fprintf(stderr, "dbmig fuzz: broken promise: %s\n", promise);
  std::abort();
}

}  // namespace dbmig::fuzz
