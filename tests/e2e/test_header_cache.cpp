// The header cache through the CLI: a second command on unchanged revision files takes their
// headers from the cache (its debug log says so), DBMIG_NO_CACHE=1 turns it off, and the cache
// lives under XDG_CACHE_HOME (tests/test_main.cpp points it at a directory of the test process's
// own), never in the project.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>

#include "harness.hpp"

namespace dbmig::test {

namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int files_under(const fs::path& directory) {
  int count = 0;
  std::error_code error;
  for (auto entry = fs::recursive_directory_iterator(directory, error); !error && entry != fs::recursive_directory_iterator();
       entry.increment(error))
    if (entry->is_regular_file()) ++count;
  return count;
}

}  // namespace

TEST_CASE("header cache: the second command reads no unchanged revision file; DBMIG_NO_CACHE=1 turns it off") {
  const char* cache_home = std::getenv("XDG_CACHE_HOME");
  REQUIRE(cache_home != nullptr);
  const fs::path cache_dir = fs::path(cache_home) / "dbmig";
  auto database = make_database("sqlite");
  Project project(database->url());
  // The committed sample revisions: old enough to be cached (files changed in the last two seconds
  // are read, not cached).
  const fs::path sample = fs::path(DBMIG_SOURCE_DIR) / "migrations_sample";
  project.write("dbmig.yaml", "database_url: \"" + database->url() + "\"\nmodels: models.yaml\nmigrations: " +
                                  sample.string() + "\n");
  fs::remove_all(cache_dir);

  const auto first = project.run({"-vv", "heads"});
  REQUIRE(first.code == 0);
  CHECK(contains(first.out, "23c8a38a77e1 (head)"));
  CHECK(contains(first.err, "revision headers: 2 files, 0 from the cache"));
  CHECK(files_under(cache_dir) == 1);
  CHECK(files_under(sample) == 3);  // nothing written beside the revisions

  const auto second = project.run({"-vv", "heads"});
  CHECK(second.out == first.out);
  CHECK(contains(second.err, "revision headers: 2 files, 2 from the cache"));

  ::setenv("DBMIG_NO_CACHE", "1", 1);
  fs::remove_all(cache_dir);
  const auto disabled = project.run({"-vv", "heads"});
  ::unsetenv("DBMIG_NO_CACHE");
  CHECK(disabled.out == first.out);
  CHECK_FALSE(contains(disabled.err, "revision headers"));
  CHECK_FALSE(fs::exists(cache_dir));
}

}  // namespace dbmig::test
