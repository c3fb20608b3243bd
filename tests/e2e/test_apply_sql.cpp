// --sql prints exactly what upgrade and downgrade execute: the script is compared statement by
// statement with the SQL a real run logs at -vv. Offline (a range FROM:TO, no database at all)
// the script is the same too, SQLite table rebuilds included, whose table definition then comes
// from replaying the earlier revisions.
#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

// A chain with a table, an index, a column type change (a SQLite rebuild), data, and a merge.
void write_chain(const Project& project) {
  write_revision(project, "a1000000000a", {}, "users",
                           "\n  - create_table: {name: users, columns: {id: {type: integer, primary_key: true},"
                           " name: {type: string(80), nullable: false}}}"
                           "\n  - sql: \"INSERT INTO users (id, name) VALUES (1, 'ann')\"",
                           "\n  - drop_table: users");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "name as text",
                           "\n  - alter_column: {table: users, name: name, type: text, existing_type: string(80),"
                           " existing_nullable: false}",
                           "\n  - alter_column: {table: users, name: name, type: string(80), existing_type: text,"
                           " existing_nullable: false}");
  write_revision(project, "c3000000000c", {"a1000000000a"}, "posts",
                           "\n  - create_table: {name: posts, columns: {id: {type: integer, primary_key: true},"
                           " user_id: {type: integer, references: users.id}}}"
                           "\n  - create_index: {table: posts, name: ix_posts_user_id, columns: [user_id]}",
                           "\n  - drop_table: posts");
  write_revision(project, "d4000000000d", {"b2000000000b", "c3000000000c"}, "merge");
  write_revision(project, "e5000000000e", {"d4000000000d"}, "email",
                           "\n  - add_column: {table: users, name: email, type: string(120), nullable: true}",
                           "\n  - drop_column: {table: users, name: email}");
}

std::string join_lines(const std::vector<std::string>& statements) { return util::join(statements, "\n---\n"); }

}  // namespace

TEST_CASE_TEMPLATE("--sql prints exactly the statements upgrade and downgrade execute", Backend, SqliteBackend,
                   PostgresBackend) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_chain(project);

  // Offline: a URL of the same dialect where no database is or could be.
  const std::string nowhere = std::string(Backend::name) == "sqlite" ? "sqlite:////nonexistent/x.db"
                                                                     : "postgresql://nobody@127.0.0.1:1/none";

  // From an empty database: the script, then the real run.
  const auto script = project.run({"upgrade", "--sql"});
  INFO(script.err);
  REQUIRE(script.code == 0);
  CHECK(database->table_names().empty());  // --sql touched nothing
  const auto offline = project.run({"--url", nowhere, "upgrade", "base:heads", "--sql"});
  INFO(offline.err);
  REQUIRE(offline.code == 0);
  CHECK(offline.out == script.out);

  const auto run = project.run({"-vv", "upgrade"});
  INFO(run.err);
  REQUIRE(run.code == 0);
  const auto executed = without_durations(logged_statements(run.err));
  const auto printed = without_durations(script_statements(script.out));
  CHECK(executed.size() > 10);
  CHECK(join_lines(printed) == join_lines(executed));

  // Downgrade to the first revision: the script, then the run.
  const auto down_script = project.run({"downgrade", "a1000000000a", "--sql"});
  REQUIRE(down_script.code == 0);
  const auto down_offline =
      project.run({"--url", nowhere, "downgrade", "e5000000000e:a1000000000a", "--sql"});
  INFO(down_offline.err);
  CHECK(database->count_rows("users") == 1);
  const auto down = project.run({"-vv", "downgrade", "a1000000000a"});
  INFO(down.err);
  REQUIRE(down.code == 0);
  CHECK(join_lines(without_durations(script_statements(down_script.out))) ==
        join_lines(without_durations(logged_statements(down.err))));
  // Offline, SQLite's rebuild of users (name back to string(80)) restates the table from the replay.
  REQUIRE(down_offline.code == 0);
  CHECK(down_offline.out == down_script.out);

  // From a revision in the middle, offline, against the run from there.
  const auto middle_script = project.run({"--url", nowhere, "upgrade", "a1000000000a:heads", "--sql"});
  INFO(middle_script.err);
  REQUIRE(middle_script.code == 0);
  const auto middle = project.run({"-vv", "upgrade"});
  REQUIRE(middle.code == 0);
  CHECK(join_lines(without_durations(script_statements(middle_script.out))) ==
        join_lines(without_durations(logged_statements(middle.err))));
  CHECK(database->count_rows("users") == 1);  // the rebuilds kept the row
}

TEST_CASE("--sql: a range needs --sql, and offline mode opens no database") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_chain(project);
  const auto range_without_sql = project.run({"upgrade", "base:heads"});
  CHECK(range_without_sql.code == 2);
  CHECK(range_without_sql.err.find("only for --sql") != std::string::npos);
  const auto no_start = project.run({"upgrade", ":heads", "--sql"});
  CHECK(no_start.code == 2);
  const auto offline = project.run({"upgrade", "base:b2000000000b", "--sql"});
  REQUIRE(offline.code == 0);
  CHECK(offline.out.find("CREATE TABLE \"users\"") != std::string::npos);
  CHECK(offline.out.find("posts") == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(database->url().substr(10)));  // the SQLite file was not created
}

}  // namespace dbmig::test
