// `dbmig lint` end to end (on SQLite; reading the version table on every backend): which revisions it reads (not yet applied, --all,
// one revision, a range), its exit codes, the text and JSON reports, and the errors for bad
// usage, a bad revision file and a database it cannot reach.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "harness.hpp"

namespace dbmig::test {

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Three revisions: a new table with its index (clean), an index on that table in a later revision
// (an error: the table exists by then), and an ignored drop without a reason (a warning). The
// project runs with `online: false`, where dbmig writes the index plainly (online, the default, it
// builds it concurrently and lint has nothing to say about it).
void write_revisions(const Project& project) {
  project.write("dbmig.yaml", project.read("dbmig.yaml") + "online: false\n");
  project.write("migrations/versions/a1000000000a_orders.yaml",
                "revision: a1000000000a\ndown_revision: null\nmessage: orders\nupgrade:\n"
                "  - create_table: {name: orders, columns: {id: {type: integer}, user_id: {type: integer}}}\n"
                "  - create_index: {table: orders, name: ix_orders_id, columns: [id]}\n"
                "downgrade:\n  - drop_table: orders\n");
  project.write("migrations/versions/b2000000000b_index.yaml",
                "revision: b2000000000b\ndown_revision: a1000000000a\nmessage: index\nupgrade:\n"
                "  - create_index: {table: orders, name: ix_orders_user_id, columns: [user_id]}\n"
                "downgrade:\n  - drop_index: {table: orders, name: ix_orders_user_id}\n");
  project.write("migrations/versions/c3000000000c_drop.yaml",
                "revision: c3000000000c\ndown_revision: b2000000000b\nmessage: drop\nupgrade:\n"
                "  - sql: \"DROP TABLE IF EXISTS scratch\"  # dbmig-lint: ignore drop-table\n"
                "downgrade: []\n");
}

}  // namespace

TEST_CASE("lint: --all, one revision, a range, the text report and exit codes") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_revisions(project);

  const auto all = project.run({"lint", "--all"});
  INFO(all.out, all.err);
  CHECK(all.code == 1);
  CHECK(has(all.out, "b2000000000b_index.yaml:5:5: error [index-not-concurrent] create_index: {table: orders, "
                     "name: ix_orders_user_id, columns: [user_id]}"));
  CHECK(has(all.out, "  why: CREATE INDEX takes a SHARE lock on orders: writes to it wait until the build ends"));
  CHECK(has(all.out, "  safe: CREATE INDEX CONCURRENTLY"));
  CHECK(has(all.out, "c3000000000c_drop.yaml:5:42: warning [ignore-without-reason]"));
  CHECK_FALSE(has(all.out, "a1000000000a_orders.yaml"));

  // Online (the default), dbmig builds that index CONCURRENTLY itself: nothing to report.
  const std::string config = project.read("dbmig.yaml");
  project.write("dbmig.yaml", config.substr(0, config.find("online: false")));
  const auto online = project.run({"lint", "b2000000000b"});
  INFO(online.out, online.err);
  CHECK(online.code == 0);
  CHECK_FALSE(has(online.out, "index-not-concurrent"));
  project.write("dbmig.yaml", config);
  CHECK(has(all.out, "3 revisions linted: 1 error, 1 warning"));

  const auto warning_only = project.run({"lint", "c3"});
  CHECK(warning_only.code == 0);
  CHECK(has(warning_only.out, "1 revision linted: 0 errors, 1 warning"));

  const auto clean_range = project.run({"lint", "base:a1000000000a"});
  CHECK(clean_range.code == 0);
  CHECK(has(clean_range.out, "1 revision linted: 0 errors, 0 warnings"));

  const auto range = project.run({"lint", "a1:b2"});
  CHECK(range.code == 1);
  CHECK(has(range.out, "2 revisions linted: 1 error, 0 warnings"));

  const auto quiet = project.run({"-q", "lint", "b2"});
  CHECK(quiet.code == 1);
  CHECK_FALSE(has(quiet.out, "linted"));
}

TEST_CASE_TEMPLATE("lint: by default the revisions the database has not applied", Backend, DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  write_revisions(project);

  // No version table yet (on SQLite not even a file, which lint does not create): nothing is
  // applied, every revision is linted.
  const auto before = project.run({"lint"});
  CHECK(before.code == 1);
  CHECK(has(before.out, "3 revisions linted"));
  const std::string sqlite_prefix = "sqlite:///";
  if (database->url().starts_with(sqlite_prefix))
    CHECK_FALSE(std::filesystem::exists(database->url().substr(sqlite_prefix.size())));

  REQUIRE(project.run({"stamp", "b2000000000b"}).code == 0);
  const auto after = project.run({"--format", "json", "lint"});
  INFO(after.out, after.err);
  CHECK(after.code == 0);
  CHECK(has(after.out, R"({"revisions":["c3000000000c"],"findings":[{"rule":"ignore-without-reason")"));
  CHECK(has(after.out, R"("errors":0,"warnings":1})"));
}

TEST_CASE("lint: the JSON report") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_revisions(project);
  const auto json = project.run({"--format", "json", "lint", "--all"});
  INFO(json.out);
  CHECK(json.code == 1);
  CHECK(has(json.out, R"({"revisions":["a1000000000a","b2000000000b","c3000000000c"],"findings":[)"));
  CHECK(has(json.out, R"({"rule":"index-not-concurrent","severity":"error","revision":"b2000000000b","file":")"));
  CHECK(has(json.out, R"(b2000000000b_index.yaml","line":5,"column":5,"statement":"create_index: {table: orders, )"));
  CHECK(has(json.out, R"("safe_form":"CREATE INDEX CONCURRENTLY)"));
  CHECK(has(json.out, R"("errors":1,"warnings":1})"));
  CHECK(json.out.back() == '\n');
  CHECK_FALSE(has(json.out, "linted"));
}

TEST_CASE("lint: bad usage and a bad revision file exit 2") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_revisions(project);

  const auto both = project.run({"lint", "--all", "b2"});
  CHECK(both.code == 2);
  CHECK(has(both.err, "either --all or a revision"));

  const auto unknown = project.run({"lint", "ffff"});
  CHECK(unknown.code == 2);

  project.write("migrations/versions/d4000000000d_bad.yaml",
                "revision: d4000000000d\ndown_revision: c3000000000c\nupgrade:\n"
                "  - create_indx: {table: orders, name: ix_a, columns: [id]}\ndowngrade: []\n");
  const auto bad = project.run({"lint", "--all"});
  CHECK(bad.code == 2);
  CHECK(has(bad.err, "d4000000000d_bad.yaml:4:5: unknown step 'create_indx'"));
  CHECK(bad.out.empty());
}

TEST_CASE("lint: a database it cannot reach fails by default, and --all needs none") {
  Project project("postgresql://dbmig@127.0.0.1:1/nowhere?connect_timeout=2");
  write_revisions(project);

  const auto pending = project.run({"lint"});
  CHECK(pending.code == 3);
  CHECK(has(pending.err, "cannot read which revisions are applied"));
  CHECK(has(pending.err, "--all"));

  const auto all = project.run({"lint", "--all"});
  INFO(all.err);
  CHECK(all.code == 1);
  CHECK(has(all.out, "[index-not-concurrent]"));
}

}  // namespace dbmig::test

namespace dbmig::test {

TEST_CASE("lint: check --lint reports the pending revisions' findings, in text and JSON") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_revisions(project);
  REQUIRE(project.run({"upgrade", "a1000000000a"}).code == 0);

  // Without --lint, check says what is pending and nothing of lint.
  const auto plain = project.run({"check"});
  CHECK(plain.code == 1);
  CHECK_FALSE(has(plain.out, "index-not-concurrent"));

  const auto linted = project.run({"check", "--lint"});
  INFO(linted.out, linted.err);
  CHECK(linted.code == 1);
  CHECK(has(linted.out, "Lint findings in the pending revisions (1 error(s), 1 warning(s)"));
  CHECK(has(linted.out, "b2000000000b_index.yaml:5:5: error [index-not-concurrent]"));
  CHECK_FALSE(has(linted.out, "a1000000000a_orders.yaml:"));  // applied: not linted

  const auto json = project.run({"--format", "json", "check", "--lint"});
  INFO(json.out, json.err);
  CHECK(has(json.out, "\"lint\":[{"));
  CHECK(has(json.out, "\"rule\":\"index-not-concurrent\""));

  // Everything applied: nothing pending, nothing to lint, the check passes.
  REQUIRE(project.run({"upgrade"}).code == 0);
  project.write("models.yaml",
                "tables:\n  orders:\n    columns:\n      id: {type: integer}\n      user_id: {type: integer}\n"
                "    indexes:\n      - {name: ix_orders_id, columns: [id]}\n"
                "      - {name: ix_orders_user_id, columns: [user_id]}\n");
  const auto clean = project.run({"check", "--lint"});
  INFO(clean.out, clean.err);
  CHECK(clean.code == 0);
}

}  // namespace dbmig::test
