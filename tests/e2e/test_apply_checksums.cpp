// The history table and checksums: every applied, reverted and stamped revision is recorded with
// its file's checksum, duration and user; an applied revision whose file is edited afterwards is
// reported by upgrade (which refuses) and check, until --allow-changed or a re-stamp.
#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

void write_two(const Project& project) {
  write_revision(project, "a1000000000a", {}, "users",
                 "\n  - create_table: {name: users, columns: {id: {type: integer, primary_key: true}}}",
                 "\n  - drop_table: users");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "posts",
                 "\n  - create_table: {name: posts, columns: {id: {type: integer, primary_key: true}}}",
                 "\n  - drop_table: posts");
}

const std::string models = "tables:\n  users:\n    columns:\n      id: {type: integer, primary_key: true}\n"
                           "  posts:\n    columns:\n      id: {type: integer, primary_key: true}\n";

}  // namespace

TEST_CASE_TEMPLATE("the history table records every step with checksum, duration and user", Backend, SqliteBackend,
                   PostgresBackend) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_two(project);
  REQUIRE(project.run({"upgrade"}).code == 0);
  REQUIRE(project.run({"downgrade"}).code == 0);
  REQUIRE(project.run({"stamp", "heads"}).code == 0);

  const auto rows = query(*database,
                          "SELECT revision, direction, checksum, applied_at, duration_ms, applied_by FROM dbmig_history "
                          "ORDER BY id");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0][0] == "a1000000000a");
  CHECK(rows[0][1] == "upgrade");
  CHECK(rows[1][0] == "b2000000000b");
  CHECK(rows[2][0] == "b2000000000b");
  CHECK(rows[2][1] == "downgrade");
  CHECK(rows[3][0] == "b2000000000b");  // stamped back: only the revision not yet recorded as is
  CHECK(rows[3][1] == "stamp");
  CHECK_FALSE(rows[3][4].has_value());  // a stamp takes no time
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(rows[i][2].value_or("").size() == 64);
    CHECK(rows[i][3].has_value());
    CHECK(std::stoll(rows[i][4].value_or("-1")) >= 0);
    CHECK_FALSE(rows[i][5].value_or("").empty());
  }
  CHECK(rows[0][2] != rows[1][2]);
  CHECK(rows[1][2] == rows[2][2]);  // the same file both ways
}

TEST_CASE_TEMPLATE("an applied revision edited afterwards is reported, and upgrade refuses until accepted", Backend,
                   DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", models);
  write_two(project);
  REQUIRE(project.run({"upgrade", "a1000000000a"}).code == 0);

  // Line endings do not count as a change.
  const std::string path = "migrations/versions/a1000000000a_rev.yaml";
  const std::string original = project.read(path);
  std::string crlf;
  for (const char c : original) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  project.write(path, crlf);
  CHECK(project.run({"upgrade", "--sql"}).code == 0);
  CHECK(project.run({"check"}).out.find("changed") == std::string::npos);

  // A real edit does.
  project.write(path, original + "# edited after it was applied\n");
  const auto refused = project.run({"upgrade"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("a1000000000a") != std::string::npos);
  CHECK(refused.err.find("a1000000000a_rev.yaml") != std::string::npos);
  CHECK(refused.err.find("--allow-changed") != std::string::npos);
  CHECK(refused.err.find("`dbmig stamp a1000000000a`") != std::string::npos);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version", "users"});  // posts not applied

  const auto check = project.run({"check"});
  CHECK(check.code == 1);
  CHECK(check.out.find("a1000000000a_rev.yaml") != std::string::npos);
  const auto check_json = project.run({"--format", "json", "check"});
  CHECK(json_holds(check_json.out, "assert d['changed'][0]['revision'] == 'a1000000000a'\n"
                                   "assert d['changed'][0]['file'].endswith('a1000000000a_rev.yaml')\n"
                                   "assert len(d['changed'][0]['current_checksum']) == 64\n"
                                   "assert d['ok'] is False"));

  // --allow-changed goes ahead once, with a warning; the change stays reported.
  const auto allowed = project.run({"upgrade", "--allow-changed"});
  INFO(allowed.err);
  CHECK(allowed.code == 0);
  CHECK(allowed.err.find("warning") != std::string::npos);
  CHECK(allowed.out.find("Applied   b2000000000b") != std::string::npos);
  CHECK(project.run({"check"}).code == 1);
  // Downgrade warns but does not refuse: it may be the way out.
  const auto down = project.run({"downgrade"});
  CHECK(down.code == 0);
  CHECK(down.err.find("a1000000000a") != std::string::npos);
  CHECK(project.run({"upgrade"}).code == 2);

  // A re-stamp accepts the file as it is now; the hint says which.
  CHECK(project.run({"upgrade"}).err.find("`dbmig stamp a1000000000a`") != std::string::npos);
  const auto stamp = project.run({"stamp", "a1000000000a"});
  INFO(stamp.err);
  REQUIRE(stamp.code == 0);
  const auto after = project.run({"upgrade"});
  CHECK(after.code == 0);
  CHECK(project.run({"check"}).code == 0);
}

}  // namespace dbmig::test
