// The graph commands through the CLI: history (marks, -v, -r ranges), heads, branches, show,
// revision --head/--branch-label, merge and its refusals, a broken graph named file by file,
// and colours (only on a terminal, never with --no-color or NO_COLOR).
#include <cstdlib>

#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

// root <- left <- left2
//      <- right (label side)
void write_fork(const Project& project) {
  write_revision(project, "a1000000000a", {}, "root", "\n  - sql: SELECT 1\n  - create_table: {name: t, columns: {id: {type: integer}}}",
                 "\n  - drop_table: t");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "left");
  write_revision(project, "b3000000000b", {"b2000000000b"}, "left two");
  write_revision(project, "c3000000000c", {"a1000000000a"}, "right", "[]", "[]", {"side"});
}

// Runs the real binary on a pseudo-terminal (util-linux `script`), so that stdout is a terminal.
std::string on_terminal(const Project& project, const std::string& arguments, const std::string& environment = "") {
  const std::string command = "script -qec \"" + environment + " " + DBMIG_BINARY + " -d " + project.dir().string() +
                              " " + arguments + "\" /dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  while (const auto n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  pclose(pipe);
  return output;
}

}  // namespace

TEST_CASE("graph commands: history marks heads and current, -v shows each revision, -r limits it") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_fork(project);
  REQUIRE(project.run({"upgrade", "b2000000000b"}).code == 0);

  const auto history = project.run({"history"});
  REQUIRE(history.code == 0);
  CHECK(history.out.find("b2000000000b -> b3000000000b (head), left two\n") != std::string::npos);
  CHECK(history.out.find("a1000000000a -> b2000000000b (current), left\n") != std::string::npos);
  CHECK(history.out.find("a1000000000a -> c3000000000c (head) (side), right\n") != std::string::npos);
  CHECK(history.out.find("<base> -> a1000000000a, root\n") != std::string::npos);

  const auto verbose = project.run({"history", "-v"});
  CHECK(verbose.out.find("Rev: a1000000000a\nParent: <base>\nBranches into: b2000000000b, c3000000000c\n") !=
        std::string::npos);
  CHECK(verbose.out.find("Branch labels: side\n") != std::string::npos);
  CHECK(verbose.out.find("Path: ") != std::string::npos);
  CHECK(verbose.out.find("\n    left two\n") != std::string::npos);

  const auto above = project.run({"history", "-r", "b2000000000b:"});
  CHECK(above.out == "b2000000000b -> b3000000000b (head), left two\na1000000000a -> b2000000000b (current), left\n");
  const auto below = project.run({"history", "-r", ":current"});
  CHECK(below.out == "a1000000000a -> b2000000000b (current), left\n<base> -> a1000000000a, root\n");
  CHECK(project.run({"history", "-r", "side@head:"}).out == "a1000000000a -> c3000000000c (head) (side), right\n");
  const auto not_a_range = project.run({"history", "-r", "b2"});
  CHECK(not_a_range.code == 2);
  CHECK(not_a_range.err.find("not a range") != std::string::npos);

  CHECK(project.run({"heads"}).out ==
        "b2000000000b -> b3000000000b (head), left two\na1000000000a -> c3000000000c (head) (side), right\n");
  CHECK(project.run({"branches"}).out == "a1000000000a (branchpoint) -> b2000000000b, c3000000000c, root\n");
}

TEST_CASE("graph commands: show prints one revision with its steps") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_fork(project);
  const auto show = project.run({"show", "a1"});
  INFO(show.err);
  REQUIRE(show.code == 0);
  CHECK(show.out.find("Rev: a1000000000a\n") == 0);
  CHECK(show.out.find("Upgrade:\n  1. raw SQL\n  2. create table t\nDowngrade:\n  1. drop table t\n") != std::string::npos);
  CHECK(project.run({"show", "side"}).out.find("Rev: c3000000000c (head)") == 0);
  CHECK(project.run({"show", "side@head"}).out.find("Upgrade: none\nDowngrade: none\n") != std::string::npos);
  const auto several = project.run({"show", "heads"});
  CHECK(several.code == 2);
  CHECK(several.err.find("names 2 revisions") != std::string::npos);
  const auto ambiguous = project.run({"show", "b"});
  CHECK(ambiguous.code == 2);
  CHECK(ambiguous.err.find("'b' matches several revisions: b2000000000b, b3000000000b") != std::string::npos);
}

TEST_CASE("graph commands: revision --head and --branch-label, merge and its refusals") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_fork(project);

  const auto several = project.run({"revision", "-m", "x"});
  CHECK(several.code == 2);
  CHECK(several.err.find("several heads") != std::string::npos);
  CHECK(several.err.find("merge") != std::string::npos);
  const auto on_side = project.run({"revision", "-m", "more side", "--head", "side@head"});
  INFO(on_side.err);
  REQUIRE(on_side.code == 0);
  CHECK(project.run({"heads"}).out.find("more side") != std::string::npos);
  const auto root = project.run({"revision", "-m", "independent", "--head", "base", "--branch-label", "other"});
  REQUIRE(root.code == 0);
  CHECK(root.out.find("starts a new branch") != std::string::npos);
  CHECK(project.run({"history"}).out.find("<base> -> ") != std::string::npos);
  const auto taken = project.run({"revision", "-m", "y", "--head", "other@head", "--branch-label", "side"});
  CHECK(taken.code == 2);
  CHECK(taken.err.find("branch label 'side' is already on revision c3000000000c") != std::string::npos);
  const auto bad_label = project.run({"revision", "-m", "y", "--head", "other@head", "--branch-label", "a@b"});
  CHECK(bad_label.code == 2);

  const auto ancestor = project.run({"merge", "-m", "bad", "a1000000000a", "b3000000000b"});
  CHECK(ancestor.code == 2);
  CHECK(ancestor.err.find("a1000000000a is an ancestor of b3000000000b") != std::string::npos);
  const auto one = project.run({"merge", "-m", "bad", "b3000000000b"});
  CHECK(one.code == 2);
  CHECK(one.err.find("nothing to merge") != std::string::npos);

  const auto two = project.run({"merge", "-m", "left and side", "b3", "side@head"});
  INFO(two.err);
  REQUIRE(two.code == 0);
  CHECK(two.out.find("merging b3000000000b, ") != std::string::npos);
  const auto all = project.run({"merge", "-m", "everything"});  // the remaining heads
  INFO(all.err);
  REQUIRE(all.code == 0);
  const auto heads = project.run({"heads"});
  CHECK(heads.out.find("everything") != std::string::npos);
  CHECK(heads.out.find('\n') == heads.out.size() - 1);  // one head left
  const auto up = project.run({"upgrade"});
  INFO(up.err);
  CHECK(up.code == 0);
  CHECK(project.run({"check"}).out.find("Pending") == std::string::npos);
}

TEST_CASE("graph commands: a broken graph is an error naming the files") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_fork(project);

  write_revision(project, "d4000000000d", {"ffff00000000"}, "orphan");
  auto orphan = project.run({"history"});
  CHECK(orphan.code == 2);
  CHECK(orphan.err.find("d4000000000d_rev.yaml") != std::string::npos);
  CHECK(orphan.err.find("names down_revision ffff00000000, which no file has") != std::string::npos);
  std::filesystem::remove(project.dir() / "migrations/versions/d4000000000d_rev.yaml");

  project.write("migrations/versions/zz_copy.yaml", project.read("migrations/versions/b2000000000b_rev.yaml"));
  auto duplicate = project.run({"current"});
  CHECK(duplicate.code == 2);
  CHECK(duplicate.err.find("b2000000000b_rev.yaml and ") != std::string::npos);
  CHECK(duplicate.err.find("zz_copy.yaml") != std::string::npos);
  std::filesystem::remove(project.dir() / "migrations/versions/zz_copy.yaml");

  write_revision(project, "a1000000000a", {"b3000000000b"}, "now in a cycle");
  auto cycle = project.run({"heads"});
  CHECK(cycle.code == 2);
  CHECK(cycle.err.find("cycle") != std::string::npos);
  write_fork(project);

  project.write("migrations/versions/e5000000000e_bad.yaml", "revision: e5000000000e\ndown_revision: [b3000000000b\n");
  auto unreadable = project.run({"history"});
  CHECK(unreadable.code == 2);
  CHECK(unreadable.err.find("e5000000000e_bad.yaml:") != std::string::npos);

  // Broken steps: commands that read only headers work; upgrade stops before applying anything.
  project.write("migrations/versions/e5000000000e_bad.yaml",
                "revision: e5000000000e\ndown_revision: b3000000000b\nupgrade:\n  - no_such_step: {}\ndowngrade: []\n");
  CHECK(project.run({"history"}).code == 0);
  auto upgrade = project.run({"upgrade", "e5000000000e"});
  CHECK(upgrade.code == 2);
  CHECK(upgrade.err.find("e5000000000e_bad.yaml:4:") != std::string::npos);
  CHECK(database->table_names().empty());
}

TEST_CASE("graph commands: colours only on a terminal, never with --no-color or NO_COLOR") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_fork(project);
  CHECK(project.run({"history"}).out.find('\x1b') == std::string::npos);  // not a terminal
  const auto coloured = on_terminal(project, "history");
  CHECK(coloured.find("\x1b[32m(head)\x1b[0m") != std::string::npos);
  CHECK(on_terminal(project, "--no-color history").find('\x1b') == std::string::npos);
  CHECK(on_terminal(project, "history", "NO_COLOR=1").find('\x1b') == std::string::npos);
  CHECK(on_terminal(project, "--format json history").find('\x1b') == std::string::npos);
}

}  // namespace dbmig::test
