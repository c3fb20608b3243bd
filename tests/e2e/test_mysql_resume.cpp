// MySQL/MariaDB commits DDL implicitly, so dbmig runs a revision's statements one by one, each
// committed, and records how far it got in dbmig_progress. A revision failing at its third step
// keeps its first two; the next run resumes at the third (after a fix) or is settled by a stamp;
// nothing else runs while it is unfinished.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "catalog_dump.hpp"
#include "test_apply_support.hpp"
#include "test_mysql_support.hpp"

namespace dbmig::test {

using namespace mysql;

namespace {

const std::string broken_file = "migrations/versions/b2bbbbbbbbbb_rev.yaml";
const std::string failing_sql = "INSERT INTO no_such_table VALUES (1)";

// a1: a table with rows. b2: a column, an index on it, then a raw SQL step that fails (its table
// does not exist).
void write_chain(const Project& project) {
  write_revision(project, "a1aaaaaaaaaa", {}, "items",
                 "\n  - create_table: {name: items, columns: {id: {type: integer, primary_key: true},"
                 " name: {type: string(40)}}}"
                 "\n  - sql: \"INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two')\"",
                 "\n  - drop_table: items");
  write_revision(project, "b2bbbbbbbbbb", {"a1aaaaaaaaaa"}, "note, its index, a broken step",
                 "\n  - add_column: {table: items, name: note, type: string(40)}"
                 "\n  - create_index: {table: items, name: ix_items_note, columns: [note]}"
                 "\n  - sql: \"" + failing_sql + "\"",
                 "\n  - drop_index: {table: items, name: ix_items_note}"
                 "\n  - drop_column: {table: items, name: note}");
}

// Upgrades to a1, then runs the upgrade that fails at b2's third step; checks what it left.
void fail_at_step_three(const TestDatabase& database, const Project& project) {
  write_chain(project);
  const CliResult first = project.run({"upgrade", "a1aaaaaaaaaa"});
  INFO(first.out << first.err);
  REQUIRE(first.code == 0);

  const CliResult failed = project.run({"upgrade"});
  INFO("upgrade: " << failed.out << failed.err);
  CHECK(failed.code == 3);
  CHECK(failed.err.find("b2bbbbbbbbbb") != std::string::npos);
  CHECK(failed.err.find("step 3") != std::string::npos);
  CHECK(failed.err.find("no_such_table") != std::string::npos);
  CHECK(failed.err.find("the first 2 statement(s)") != std::string::npos);
  // The first two steps are committed; the revision is not recorded as applied.
  CHECK(has_column(database, "items", "note"));
  CHECK(has_index(database, "items", "ix_items_note"));
  CHECK(versions(database) == std::vector<std::string>{"a1aaaaaaaaaa"});
  CHECK(progress(database) == std::vector<std::string>{"b2bbbbbbbbbb upgrade 2"});
  CHECK(scalar(database, "SELECT COUNT(*) FROM dbmig_history WHERE revision = 'b2bbbbbbbbbb'") == "0");
  CHECK(database.count_rows("items") == 2);
}

}  // namespace

TEST_CASE("mysql resume: a revision failing at step 3 keeps steps 1-2; fixed, the next run does only step 3") {
  auto database = make_database("mysql");
  if (!database) return;
  Project project(database->url());
  fail_at_step_three(*database, project);
  const std::string half_done = catalog::dump(*database);

  // Run again unfixed: the same failure at the same step, nothing more changed (the first two
  // steps are not run again: no "Duplicate column" error).
  const CliResult again = project.run({"upgrade"});
  INFO("again: " << again.out << again.err);
  CHECK(again.code == 3);
  CHECK(again.err.find("step 3") != std::string::npos);
  CHECK(again.err.find("no_such_table") != std::string::npos);
  CHECK(again.err.find("the first 2 statement(s)") != std::string::npos);
  CHECK(again.err.find("Duplicate") == std::string::npos);
  CHECK(catalog::line_diff(half_done, catalog::dump(*database)).empty());
  CHECK(versions(*database) == std::vector<std::string>{"a1aaaaaaaaaa"});
  CHECK(progress(*database) == std::vector<std::string>{"b2bbbbbbbbbb upgrade 2"});

  // Nothing else runs while b2 is unfinished: a downgrade, or an upgrade to a revision on another
  // branch (its plan does not start with b2).
  for (const auto& args : std::vector<std::vector<std::string>>{{"downgrade"}, {"downgrade", "base"}}) {
    const CliResult refused = project.run(args);
    INFO(args.back() << ": " << refused.out << refused.err);
    CHECK(refused.code == 3);
    CHECK(refused.err.find("left half done") != std::string::npos);
  }
  write_revision(project, "c3cccccccccc", {"a1aaaaaaaaaa"}, "a side branch",
                 "\n  - create_table: {name: side, columns: {id: {type: integer, primary_key: true}}}",
                 "\n  - drop_table: side");
  const CliResult other_target = project.run({"upgrade", "c3cccccccccc"});
  INFO("upgrade c3: " << other_target.out << other_target.err);
  CHECK(other_target.code == 3);
  CHECK(other_target.err.find("left half done") != std::string::npos);
  CHECK(other_target.err.find("b2bbbbbbbbbb") != std::string::npos);
  std::filesystem::remove(project.dir() / "migrations/versions/c3cccccccccc_rev.yaml");
  CHECK(catalog::line_diff(half_done, catalog::dump(*database)).empty());
  CHECK(progress(*database) == std::vector<std::string>{"b2bbbbbbbbbb upgrade 2"});

  // Fixed after where it stopped: the run resumes at step 3 and runs only that.
  std::string text = project.read(broken_file);
  text.replace(text.find(failing_sql), failing_sql.size(), "UPDATE items SET note = 'fixed'");
  project.write(broken_file, text);
  const CliResult resumed = project.run({"-vv", "upgrade"});
  INFO("resumed: " << resumed.out << resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK(resumed.err.find("Duplicate") == std::string::npos);
  const auto statements = logged_statements(resumed.err);
  CHECK(std::none_of(statements.begin(), statements.end(),
                     [](const std::string& sql) { return sql.find("ADD COLUMN") != std::string::npos; }));
  CHECK(std::none_of(statements.begin(), statements.end(),
                     [](const std::string& sql) { return sql.find("ix_items_note") != std::string::npos; }));
  CHECK(std::count_if(statements.begin(), statements.end(), [](const std::string& sql) {
          return sql.find("UPDATE items SET note = 'fixed'") != std::string::npos;
        }) == 1);
  CHECK(versions(*database) == std::vector<std::string>{"b2bbbbbbbbbb"});
  CHECK(progress(*database).empty());
  CHECK(scalar(*database, "SELECT COUNT(*) FROM dbmig_history WHERE revision = 'b2bbbbbbbbbb' AND "
                          "direction = 'upgrade'") == "1");
  CHECK(scalar(*database, "SELECT COUNT(*) FROM items WHERE note = 'fixed'") == "2");
  CHECK(has_index(*database, "items", "ix_items_note"));

  // And the revision goes down again as any other.
  const CliResult down = project.run({"downgrade", "base"});
  INFO("downgrade: " << down.out << down.err);
  CHECK(down.code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
  CHECK(progress(*database).empty());
}

TEST_CASE("mysql resume: an edit before where the run stopped is refused, the database untouched") {
  auto database = make_database("mysql");
  if (!database) return;
  Project project(database->url());
  fail_at_step_three(*database, project);
  const std::string half_done = catalog::dump(*database);

  // Step 1 now reads differently from what was committed: dbmig cannot tell what to resume.
  std::string text = project.read(broken_file);
  text.replace(text.find("name: note, type: string(40)"), 28, "name: note, type: string(80)");
  project.write(broken_file, text);
  const CliResult refused = project.run({"upgrade"});
  INFO(refused.out << refused.err);
  CHECK(refused.code == 3);
  CHECK(refused.err.find("read differently now") != std::string::npos);
  CHECK(catalog::line_diff(half_done, catalog::dump(*database)).empty());
  CHECK(progress(*database) == std::vector<std::string>{"b2bbbbbbbbbb upgrade 2"});
}

TEST_CASE("mysql resume: a stamp of the unfinished revision settles it") {
  auto database = make_database("mysql");
  if (!database) return;
  Project project(database->url());
  fail_at_step_three(*database, project);

  // Finished by hand (here: the third step is given up), then stamped.
  const CliResult stamp = project.run({"stamp", "b2bbbbbbbbbb"});
  INFO("stamp: " << stamp.out << stamp.err);
  REQUIRE(stamp.code == 0);
  CHECK(versions(*database) == std::vector<std::string>{"b2bbbbbbbbbb"});
  CHECK(progress(*database).empty());

  // Nothing left to do, and nothing runs again (no "Duplicate column", the failing step not retried).
  const CliResult upgrade = project.run({"upgrade"});
  INFO("upgrade: " << upgrade.out << upgrade.err);
  CHECK(upgrade.code == 0);
  CHECK(upgrade.out.find("Applied") == std::string::npos);
  CHECK(versions(*database) == std::vector<std::string>{"b2bbbbbbbbbb"});

  // The stamped revision downgrades normally: its index and column go.
  const CliResult down = project.run({"downgrade", "a1aaaaaaaaaa"});
  INFO("downgrade: " << down.out << down.err);
  CHECK(down.code == 0);
  CHECK_FALSE(has_column(*database, "items", "note"));
  CHECK_FALSE(has_index(*database, "items", "ix_items_note"));
  CHECK(versions(*database) == std::vector<std::string>{"a1aaaaaaaaaa"});
  CHECK(progress(*database).empty());
  CHECK(database->count_rows("items") == 2);
}

}  // namespace dbmig::test
