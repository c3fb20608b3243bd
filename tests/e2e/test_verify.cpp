// dbmig verify: the stairway test (upgrade, downgrade, compare, upgrade again per revision) on a
// scratch database, on every backend: a good chain passes, a downgrade that forgets a column or
// errors fails naming the revision, a `fail` downgrade is "no downgrade" (a failure with
// --strict), a scratch database that is not empty is refused, and the JSON report's shape.
#include <cstdlib>

#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string users_table = "\n  - create_table: {name: users, columns: {id: {type: integer, primary_key: true}}}";
const std::string models_with_email =
    "tables:\n  users:\n    columns:\n      id: {type: integer, primary_key: true}\n"
    "      email: {type: string(120), nullable: true}\n    indexes:\n      - {name: ix_users_email, columns: [email]}\n";

// A project whose configured database verify must leave alone, and a fresh scratch database for
// each run: a temporary file verify makes itself on SQLite, a new server database otherwise.
class VerifyProject {
 public:
  explicit VerifyProject(std::string backend)
      : backend_(std::move(backend)), configured_(make_database(backend_)) {
    if (configured_) project_ = std::make_unique<Project>(configured_->url());
  }
  bool available() const { return project_ != nullptr; }
  const Project& project() const { return *project_; }
  bool sqlite() const { return backend_ == "sqlite"; }

  // `dbmig verify ARGS`, on a fresh scratch database (--url for a server); the scratch database
  // stays reachable as last_scratch().
  CliResult verify(std::vector<std::string> args = {}) {
    args.insert(args.begin(), "verify");
    if (!sqlite()) {
      scratch_.push_back(make_database(backend_));
      args.push_back("--url");
      args.push_back(scratch_.back()->url());
    }
    return project_->run(args);
  }
  const TestDatabase& last_scratch() const { return *scratch_.back(); }
  const TestDatabase& configured() const { return *configured_; }

 private:
  std::string backend_;
  std::unique_ptr<TestDatabase> configured_;
  std::unique_ptr<Project> project_;
  std::vector<std::unique_ptr<TestDatabase>> scratch_;
};

void write_good_chain(const Project& project) {
  write_revision(project, "a1000000000a", {}, "users", users_table, "\n  - drop_table: users");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "email",
                 "\n  - add_column: {table: users, name: email, type: string(120), nullable: true}"
                 "\n  - create_index: {table: users, name: ix_users_email, columns: [email]}",
                 "\n  - drop_index: {table: users, name: ix_users_email}\n  - drop_column: {table: users, name: email}");
  project.write("models.yaml", models_with_email);
}

}  // namespace

TEST_CASE_TEMPLATE("verify: a good chain passes, and only the scratch database is touched", Backend,
                   DBMIG_TEST_BACKENDS) {
  VerifyProject setup(Backend::name);
  if (!setup.available()) return;
  write_good_chain(setup.project());
  TempDir temporary;  // where a SQLite project's scratch file goes, and must be gone from afterwards
  ::setenv("TMPDIR", temporary.path.c_str(), 1);
  const auto passed = setup.verify();
  ::unsetenv("TMPDIR");
  INFO(passed.out, passed.err);
  CHECK(passed.code == 0);
  CHECK(has(passed.out, "pass          a1000000000a  users"));
  CHECK(has(passed.out, "pass          b2000000000b  email"));
  CHECK(has(passed.out, "The schema at head matches models.yaml"));
  CHECK(has(passed.out, "OK: 2 passed, 0 failed, 0 without a downgrade"));
  CHECK(setup.configured().table_names().empty());
  if (setup.sqlite()) {
    CHECK(has(passed.out, "on a temporary SQLite database"));
    CHECK(std::filesystem::is_empty(temporary.path));
  } else {
    CHECK(setup.last_scratch().table_names() == std::vector<std::string>{"dbmig_version", "users"});
  }

  // Models the revisions do not build: the comparison at the end fails.
  std::string with_age = models_with_email;
  with_age.insert(with_age.find("    indexes:"), "      age: {type: integer, nullable: true}\n");
  setup.project().write("models.yaml", with_age);
  const auto differs = setup.verify();
  INFO(differs.out, differs.err);
  CHECK(differs.code == 1);
  CHECK(has(differs.out, "models.yaml differs from the schema the revisions build"));
  CHECK(has(differs.out, "add column users.age"));

  // A range: the revisions below it are upgraded, not tested.
  setup.project().write("models.yaml", models_with_email);
  const auto ranged = setup.verify({"b2000000000b:"});
  INFO(ranged.err);
  CHECK(ranged.code == 0);
  CHECK(has(ranged.out, "Verifying 1 revision(s) on "));
  CHECK(has(ranged.out, " (1 below the range upgraded first): "));
  CHECK(has(ranged.out, "applied       a1000000000a  users  (below the range: upgraded, not tested)"));
  CHECK(has(ranged.out, "pass          b2000000000b"));
}

TEST_CASE_TEMPLATE("verify: a downgrade that forgets a column fails, naming the revision and the column", Backend,
                   DBMIG_TEST_BACKENDS) {
  VerifyProject setup(Backend::name);
  if (!setup.available()) return;
  const Project& project = setup.project();
  write_revision(project, "a1000000000a", {}, "users", users_table, "\n  - drop_table: users");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "nickname",
                 "\n  - add_column: {table: users, name: nickname, type: string(50), nullable: true}", "[]");
  write_revision(project, "c3000000000c", {"b2000000000b"}, "posts",
                 "\n  - create_table: {name: posts, columns: {id: {type: integer, primary_key: true}}}",
                 "\n  - drop_table: posts");
  const auto failed = setup.verify();
  INFO(failed.out, failed.err);
  CHECK(failed.code == 1);
  CHECK(has(failed.out, "pass          a1000000000a"));
  CHECK(has(failed.out, "FAIL          b2000000000b  nickname\n"
                        "      its downgrade does not give back the schema from before its upgrade; what it would "
                        "take to get it back:\n        drop column users.nickname\n"));
  // The column is still there, so upgrading again fails, and the stairway cannot go on.
  CHECK(has(failed.out, "upgrading it again after its downgrade failed: revision b2000000000b (nickname)"));
  CHECK(has(failed.out, "not reached   c3000000000c  posts"));
  CHECK(has(failed.out, "Stopped: "));
  CHECK(has(failed.out, "models.yaml not compared: the stairway did not reach the heads"));
  CHECK(has(failed.out, "FAILED: 1 passed, 1 failed, 0 without a downgrade, 1 not reached"));

  const auto json = setup.verify({"--format", "json"});
  CHECK(json.code == 1);
  CHECK(json_holds(json.out,
                   "assert d['ok'] is False and d['dirty'] in (True, False) and isinstance(d['stopped'], str)\n"
                   "assert d['models'] == {'compared': False, 'differences': []}\n"
                   "r = d['revisions']\n"
                   "assert [x['status'] for x in r] == ['pass', 'fail', 'not-reached']\n"
                   "assert r[0] == {'revision': 'a1000000000a', 'message': 'users', 'status': 'pass', "
                   "'problems': [], 'note': None}\n"
                   "p = r[1]['problems']\n"
                   "assert p[0] == {'phase': 'compare', 'error': None, 'differences': ['drop column users.nickname']}\n"
                   "assert p[1]['phase'] == 'upgrade again' and 'nickname' in p[1]['error']"));
}

TEST_CASE_TEMPLATE("verify: a downgrade that errors fails, naming the revision and the SQL error", Backend,
                   DBMIG_TEST_BACKENDS) {
  VerifyProject setup(Backend::name);
  if (!setup.available()) return;
  const Project& project = setup.project();
  write_revision(project, "a1000000000a", {}, "users", users_table, "\n  - drop_table: users");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "posts",
                 "\n  - create_table: {name: posts, columns: {id: {type: integer, primary_key: true}}}",
                 "\n  - drop_table: posts\n  - sql: SELECT * FROM no_such_table");
  write_revision(project, "c3000000000c", {"b2000000000b"}, "tags",
                 "\n  - create_table: {name: tags, columns: {id: {type: integer, primary_key: true}}}",
                 "\n  - drop_table: tags");
  const auto failed = setup.verify();
  INFO(failed.out, failed.err);
  CHECK(failed.code == 1);
  CHECK(has(failed.out, "FAIL          b2000000000b  posts\n      downgrade failed: revision b2000000000b (posts), "
                        "downgrade step 2 (sql) failed: "));
  CHECK(has(failed.out, "no_such_table"));
  if (std::string(Backend::name) == "mysql") {
    // Its DDL commits as it runs: the table is dropped for good, and the stairway says so and stops.
    CHECK(has(failed.out, "so the scratch database is left dirty"));
    CHECK(has(failed.out, "Stopped: revision b2000000000b's downgrade left the scratch database half changed"));
    CHECK(has(failed.out, "not reached   c3000000000c"));
    const auto again = project.run({"verify", "--url", setup.last_scratch().url()});
    CHECK(again.code == 2);
    CHECK(has(again.err, "the scratch database has revision b2000000000b half done by an earlier downgrade"));
  } else {
    // Rolled back whole: the database is still at the revision and the stairway goes on.
    CHECK(has(failed.out, "pass          c3000000000c  tags"));
    CHECK(has(failed.out, "FAILED: 2 passed, 1 failed, 0 without a downgrade\n"));
  }
}

TEST_CASE_TEMPLATE("verify: a `fail` downgrade is \"no downgrade\", a failure with --strict", Backend,
                   DBMIG_TEST_BACKENDS) {
  VerifyProject setup(Backend::name);
  if (!setup.available()) return;
  const Project& project = setup.project();
  write_revision(project, "a1000000000a", {}, "users", users_table, "\n  - drop_table: users");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "backfill", "\n  - sql: UPDATE users SET id = id",
                 "\n  - fail: \"write the downgrade of the raw SQL\"");
  project.write("models.yaml", "tables:\n  users:\n    columns:\n      id: {type: integer, primary_key: true}\n");

  const auto lenient = setup.verify();
  INFO(lenient.out, lenient.err);
  CHECK(lenient.code == 0);
  CHECK(has(lenient.out, "no downgrade  b2000000000b  backfill\n      its downgrade is a `fail` step (write the "
                         "downgrade of the raw SQL): no downgrade can go below it"));
  CHECK(has(lenient.out, "OK: 1 passed, 0 failed, 1 without a downgrade"));

  const auto json = setup.verify({"--format", "json"});
  CHECK(json.code == 0);
  CHECK(json_holds(json.out, "assert d['ok'] is True and d['stopped'] is None and d['dirty'] is False\n"
                             "assert d['models'] == {'compared': True, 'differences': []}\n"
                             "r = d['revisions'][1]\n"
                             "assert r['status'] == 'no-downgrade' and r['problems'] == []\n"
                             "assert r['note'] == 'write the downgrade of the raw SQL'"));

  const auto strict = setup.verify({"--strict"});
  CHECK(strict.code == 1);
  CHECK(has(strict.out, "FAIL          b2000000000b  backfill\n      its downgrade is a `fail` step (write the "
                        "downgrade of the raw SQL): no downgrade can go below this revision"));
}

TEST_CASE_TEMPLATE("verify refuses a scratch database that is not empty, unless --force", Backend,
                   DBMIG_TEST_BACKENDS) {
  auto scratch = make_database(Backend::name);
  if (!scratch) return;
  auto configured = make_database(Backend::name);
  Project project(configured->url());
  write_good_chain(project);
  scratch->connect()->execute({"CREATE TABLE keep_me (id INTEGER)", {}});

  const auto refused = project.run({"verify", "--url", scratch->url()});
  CHECK(refused.code == 2);
  CHECK(has(refused.err, "the scratch database is not empty: it has 1 table(s) (keep_me)"));
  CHECK(has(refused.err, "pass --force"));
  CHECK(refused.out.empty());
  CHECK(scratch->table_names() == std::vector<std::string>{"keep_me"});

  // Forced: the table that was there is not the revisions' work, so the models need not declare it.
  const auto forced = project.run({"verify", "--force", "--url", scratch->url()});
  INFO(forced.out, forced.err);
  CHECK(forced.code == 0);
  CHECK(has(forced.out, "OK: 2 passed"));

  // Now at head: verify starts at base, even with --force.
  const auto at_head = project.run({"verify", "--force", "--url", scratch->url()});
  CHECK(at_head.code == 2);
  CHECK(has(at_head.err, "the scratch database is at revision b2000000000b"));
  CHECK(configured->table_names().empty());
}

TEST_CASE_TEMPLATE("verify needs --url for a server project, and a bad one is a database error", Backend,
                   PostgresBackend, MysqlBackend) {
  auto configured = make_database(Backend::name);
  if (!configured) return;
  Project project(configured->url());
  write_good_chain(project);
  const auto missing = project.run({"verify"});
  CHECK(missing.code == 2);
  CHECK(has(missing.err, "verify needs a scratch database for this"));
  CHECK(has(missing.err, "give one with --url"));
  CHECK(configured->table_names().empty());

  std::string unreachable = configured->url();
  unreachable = unreachable.substr(0, unreachable.rfind('/')) + "/dbmig_no_such_database";
  const auto cannot = project.run({"verify", "--url", unreachable});
  CHECK(cannot.code == 3);
}

}  // namespace dbmig::test
