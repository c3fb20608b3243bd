// "did you mean ...?": which known word a typo is taken for (cli/suggestion.hpp).
#include <doctest/doctest.h>

#include "cli/suggestion.hpp"

namespace dbmig::cli {

TEST_CASE("edit distance counts a swap of neighbours as one edit") {
  CHECK(edit_distance("upgrade", "upgrade") == 0);
  CHECK(edit_distance("upgarde", "upgrade") == 1);  // swapped
  CHECK(edit_distance("upgrad", "upgrade") == 1);   // missing
  CHECK(edit_distance("upgradee", "upgrade") == 1);
  CHECK(edit_distance("dwongrad", "downgrade") == 2);  // swapped, and one missing
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("the closest command is suggested only when it is close enough to be a typo") {
  const std::vector<std::string> commands{"upgrade", "downgrade", "history", "heads", "current", "check", "merge"};
  CHECK(closest("upgarde", commands) == "upgrade");
  CHECK(closest("hist", commands) == std::nullopt);  // three letters off: not a typo
  CHECK(closest("heds", commands) == "heads");
  CHECK(closest("chekc", commands) == "check");
  CHECK(closest("frobnicate", commands) == std::nullopt);
  CHECK(closest("--sqll", {"--sql", "--single-transaction"}) == "--sql");
}

}  // namespace dbmig::cli
