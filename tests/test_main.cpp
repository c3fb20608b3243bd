// The test binaries' main: doctest's, with the header cache (src/revision/header_cache.hpp) kept in
// a directory of this process's own, so that tests, and the dbmig processes they start, never
// write into the real ~/.cache, and two test processes (ctest -j) never share a cache file.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::string cache_home = (fs::temp_directory_path() / "dbmig-test-cache-XXXXXX").string();
  const bool made = ::mkdtemp(cache_home.data()) != nullptr;
  if (made) ::setenv("XDG_CACHE_HOME", cache_home.c_str(), 1);
  else ::setenv("DBMIG_NO_CACHE", "1", 1);  // nowhere of its own: no cache rather than the real one

  doctest::Context context(argc, argv);
  const int result = context.run();

  std::error_code ignored;
  if (made) fs::remove_all(cache_home, ignored);
  return result;
}
