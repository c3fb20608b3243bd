// Branches and merges on a real database: two branches made with `revision --head`, joined by
// `dbmig merge`; upgrade applies the merge after both parents, downgrade reverts it before either.
#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

std::string id_of(const std::string& generated) {
  // "Generated migrations/versions/<id>_<slug>.yaml ..." -> <id>
  const auto slash = generated.rfind("/versions/");
  return generated.substr(slash + 10, 12);
}

}  // namespace

TEST_CASE_TEMPLATE("merge revisions upgrade and downgrade correctly", Backend, DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_revision(project, "a1000000000a", {}, "root",
                 "\n  - create_table: {name: base_table, columns: {id: {type: integer, primary_key: true}}}",
                 "\n  - drop_table: base_table");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "left",
                 "\n  - create_table: {name: left_table, columns: {id: {type: integer, primary_key: true}}}",
                 "\n  - drop_table: left_table");
  write_revision(project, "c3000000000c", {"a1000000000a"}, "right",
                 "\n  - create_table: {name: right_table, columns: {id: {type: integer, primary_key: true}}}",
                 "\n  - drop_table: right_table", {"right"});

  // Two heads: `head` is ambiguous and says what to do; `heads` (the default) applies both.
  const auto ambiguous = project.run({"upgrade", "head"});
  CHECK(ambiguous.code == 2);
  CHECK(ambiguous.err.find("several heads (b2000000000b, c3000000000c)") != std::string::npos);
  CHECK(ambiguous.err.find("'heads'") != std::string::npos);
  CHECK(ambiguous.err.find("dbmig merge") != std::string::npos);
  CHECK(project.run({"revision", "-m", "on top"}).code == 2);  // which head?

  const auto both = project.run({"upgrade"});
  INFO(both.err);
  REQUIRE(both.code == 0);
  CHECK(both.out.find("join them with `dbmig merge") != std::string::npos);
  CHECK(project.run({"current"}).out.find("b2000000000b (head)") != std::string::npos);

  const auto merge = project.run({"merge", "-m", "join left and right"});
  INFO(merge.err);
  REQUIRE(merge.code == 0);
  const std::string merge_id = id_of(merge.out);
  const auto merged_text = project.read("migrations/versions/" + merge_id + "_join_left_and_right.yaml");
  CHECK(merged_text.find("down_revision: [b2000000000b, c3000000000c]") != std::string::npos);
  CHECK(project.run({"heads"}).out.find(merge_id + " (head)") != std::string::npos);

  // A revision on top of the merge, then everything from one branch.
  const auto top = project.run({"revision", "-m", "after merge"});
  REQUIRE(top.code == 0);
  const std::string top_id = id_of(top.out);
  const auto up = project.run({"upgrade"});
  INFO(up.err);
  REQUIRE(up.code == 0);
  CHECK(up.out.find("Applied   " + merge_id) < up.out.find("Applied   " + top_id));
  CHECK(project.run({"current"}).out.find(top_id + " (head)") != std::string::npos);

  // Down past the merge: the merge goes before either parent, and both parents are heads again.
  const auto down = project.run({"downgrade", "-2"});
  INFO(down.err);
  REQUIRE(down.code == 0);
  CHECK(down.out.find("Reverted  " + top_id) < down.out.find("Reverted  " + merge_id));
  const auto current = project.run({"--format", "json", "current"});
  CHECK(json_holds(current.out, "assert d['current'] == ['b2000000000b', 'c3000000000c'], d"));

  // Down to the branch point reverts both branches; up to one branch's label leaves the other
  // (right@head would be the head above the merge now).
  const auto branch_point = project.run({"downgrade", "right-1"});
  INFO(branch_point.err);
  REQUIRE(branch_point.code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"base_table", "dbmig_version"});
  REQUIRE(project.run({"upgrade", "right"}).code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"base_table", "dbmig_version", "right_table"});
  REQUIRE(project.run({"upgrade", "b2000000000b"}).code == 0);
  CHECK(database->table_names() ==
        std::vector<std::string>{"base_table", "dbmig_version", "left_table", "right_table"});

  // All the way down and up again.
  REQUIRE(project.run({"upgrade"}).code == 0);
  REQUIRE(project.run({"downgrade", "base"}).code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
  REQUIRE(project.run({"upgrade"}).code == 0);
  CHECK(database->table_names() ==
        std::vector<std::string>{"base_table", "dbmig_version", "left_table", "right_table"});
}

}  // namespace dbmig::test
