// Commands one by one: init, revision, history/heads, check, JSON output, usage errors, and the
// real binary.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "harness.hpp"

namespace dbmig::test {

namespace {

CliResult run_in(const std::filesystem::path& dir, std::vector<std::string> args) {
  std::vector<std::string> argv{"dbmig", "-d", dir.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::ostringstream out, err;
  CliResult result;
  result.code = cli::run(argv, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

// Runs the built binary through the shell; returns exit code and stdout.
std::pair<int, std::string> run_binary(const std::string& arguments) {
  const std::string command = std::string(DBMIG_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WEXITSTATUS(status), output};
}

}  // namespace

TEST_CASE("init lays down the project and refuses to overwrite it") {
  TempDir dir;
  auto first = run_in(dir.path, {"init"});
  INFO(first.err);
  REQUIRE(first.code == 0);
  CHECK(std::filesystem::exists(dir.path / "dbmig.yaml"));
  CHECK(std::filesystem::exists(dir.path / "models.yaml"));
  CHECK(std::filesystem::is_directory(dir.path / "migrations" / "versions"));
  CHECK(std::filesystem::exists(dir.path / "migrations" / "revision.yaml.tmpl"));

  const auto before = read_file(dir.path / "models.yaml");
  std::ofstream(dir.path / "models.yaml") << "# mine\n";
  auto second = run_in(dir.path, {"init"});
  CHECK(second.code == 2);
  CHECK(second.err.find("already exists") != std::string::npos);
  CHECK(read_file(dir.path / "models.yaml") == "# mine\n");
  CHECK_FALSE(before.empty());
}

TEST_CASE("init into a named directory, then the template's own models migrate and upgrade") {
  TempDir dir;
  const auto project = dir.path / "app";
  REQUIRE(run_in(dir.path, {"init", project.string()}).code == 0);
  // The laid-down dbmig.yaml points at sqlite:///app.db, relative to the project directory.
  ::unsetenv("DATABASE_URL");
  auto migrate = run_in(project, {"migrate", "-m", "first"});
  INFO(migrate.err);
  REQUIRE(migrate.code == 0);
  auto upgrade = run_in(project, {"upgrade"});
  INFO(upgrade.err);
  REQUIRE(upgrade.code == 0);
  CHECK(std::filesystem::exists(project / "app.db"));
}

TEST_CASE("history, heads and revision on a chain") {
  auto database = make_database("sqlite");
  Project project(database->url());
  REQUIRE(project.run({"revision", "-m", "first"}).code == 0);
  REQUIRE(project.run({"revision", "-m", "second"}).code == 0);
  REQUIRE(project.run({"upgrade", "+1"}).code == 0);

  auto history = project.run({"history"});
  INFO(history.err);
  REQUIRE(history.code == 0);
  const auto second_at = history.out.find("second");
  const auto first_at = history.out.find("first");
  REQUIRE(second_at != std::string::npos);
  REQUIRE(first_at != std::string::npos);
  CHECK(second_at < first_at);  // newest first
  CHECK(history.out.find("(head)") < first_at);
  CHECK(history.out.find("<base> -> ") != std::string::npos);
  CHECK(history.out.find("(current), first") != std::string::npos);

  auto heads = project.run({"heads"});
  CHECK(heads.out.find("second") != std::string::npos);
  CHECK(heads.out.find("first") == std::string::npos);
}

TEST_CASE("check reports pending revisions and differences, with JSON output") {
  auto database = make_database("sqlite");
  Project project(database->url());
  project.write("models.yaml", "tables:\n  notes:\n    columns:\n      id: {type: integer, primary_key: true}\n");

  auto differs = project.run({"check"});
  CHECK(differs.code == 1);
  CHECK(differs.out.find("create table notes") != std::string::npos);

  REQUIRE(project.run({"migrate", "-m", "notes"}).code == 0);
  auto pending = project.run({"--format", "json", "check"});
  CHECK(pending.code == 1);
  CHECK(pending.out.find("\"ok\":false") != std::string::npos);
  CHECK(pending.out.find("\"pending\":[{\"revision\"") != std::string::npos);
  CHECK(pending.out.find("\"differences\":[]") != std::string::npos);  // the pending revision covers the model

  REQUIRE(project.run({"upgrade"}).code == 0);
  auto clean = project.run({"check", "--format", "json"});
  CHECK(clean.code == 0);
  CHECK(clean.out.find("\"ok\":true") != std::string::npos);
}

TEST_CASE("migrate refuses when the database is not at head") {
  auto database = make_database("sqlite");
  Project project(database->url());
  project.write("models.yaml", "tables:\n  notes:\n    columns:\n      id: {type: integer, primary_key: true}\n");
  REQUIRE(project.run({"migrate", "-m", "notes"}).code == 0);
  auto again = project.run({"migrate", "-m", "again"});
  CHECK(again.code == 1);
  CHECK(again.err.find("not up to date") != std::string::npos);
  CHECK(project.revision_files().size() == 1);
}

// Issue 17: it said "not up to date (at X, head is )". check's words name the problem.
TEST_CASE("migrate against a database at a revision the project does not have says so, as check does") {
  auto database = make_database("sqlite");
  Project project(database->url());
  project.write("models.yaml", "tables:\n  notes:\n    columns:\n      id: {type: integer, primary_key: true}\n");
  REQUIRE(project.run({"migrate", "-m", "notes"}).code == 0);
  REQUIRE(project.run({"upgrade"}).code == 0);
  const std::filesystem::path file = project.revision_files().front();
  const std::string id = file.filename().string().substr(0, file.filename().string().find('_'));
  std::filesystem::remove(file);

  const CliResult migrate = project.run({"migrate", "-m", "again"});
  CHECK(migrate.code == 2);
  CHECK(migrate.err.find("the database is at revision " + id + ", which no file in") != std::string::npos);
  CHECK(migrate.err.find("right project") != std::string::npos);
  CHECK(migrate.err.find("head is )") == std::string::npos);
  CHECK(project.revision_files().empty());
  // check words it the same.
  const CliResult check = project.run({"check"});
  CHECK(check.code == 2);
  CHECK(check.err.find("the database is at revision " + id + ", which no file in") != std::string::npos);
}

// The template is checked by reading back a revision with one step each way, not the whole
// text: a broken template must still fail before anything is written, also with many steps.
TEST_CASE("migrate refuses a revision template that does not read back, and writes nothing") {
  auto database = make_database("sqlite");
  Project project(database->url());
  project.write("models.yaml",
                "tables:\n  a:\n    columns:\n      id: {type: integer, primary_key: true}\n"
                "  b:\n    columns:\n      id: {type: integer, primary_key: true}\n");
  project.write("migrations/revision.yaml.tmpl",
                "revision: ${revision}\ndown_revision: ${down_revision}\nmessage: ${message}\n"
                "upgrade: ${upgrade}\ndowngrade: ${downgrade}\n  broken: [\n");
  auto broken = project.run({"migrate", "-m", "two tables"});
  CHECK(broken.code == 2);
  CHECK(broken.err.find("does not read back") != std::string::npos);
  CHECK(project.revision_files().empty());

  project.write("migrations/revision.yaml.tmpl",
                "revision: ${revision}\ndown_revision: ${down_revision}\nmessage: ${message}\n"
                "created_at: ${created_at}\nupgrade: ${upgrade}\ndowngrade: ${downgrade}\n");
  auto fine = project.run({"migrate", "-m", "two tables"});
  INFO(fine.err);
  CHECK(fine.code == 0);
  REQUIRE(project.revision_files().size() == 1);
  const std::string text = read_file(project.revision_files().front());
  CHECK(text.find("name: a") != std::string::npos);
  CHECK(text.find("name: b") != std::string::npos);
}

TEST_CASE("configuration precedence: --url beats DATABASE_URL beats dbmig.yaml") {
  auto from_file = make_database("sqlite");
  auto from_env = make_database("sqlite");
  auto from_flag = make_database("sqlite");
  Project project(from_file->url());
  project.write("models.yaml", "tables:\n  notes:\n    columns:\n      id: {type: integer, primary_key: true}\n");
  REQUIRE(project.run({"revision", "-m", "empty"}).code == 0);

  ::setenv("DATABASE_URL", from_env->url().c_str(), 1);
  REQUIRE(project.run({"upgrade", "--url", from_flag->url()}).code == 0);
  CHECK(from_flag->table_names() == std::vector<std::string>{"dbmig_version"});
  CHECK(from_env->table_names().empty());
  REQUIRE(project.run({"upgrade"}).code == 0);
  CHECK(from_env->table_names() == std::vector<std::string>{"dbmig_version"});
  ::unsetenv("DATABASE_URL");
  CHECK(from_file->table_names().empty());
}

TEST_CASE("usage errors exit 2 with one clear line") {
  TempDir dir;
  auto no_config = run_in(dir.path, {"current"});
  CHECK(no_config.code == 2);
  CHECK(no_config.err.rfind("error: ", 0) == 0);

  auto bad_url = run_in(dir.path, {"--url", "oracle://root:hunter2@localhost/db", "current"});
  CHECK(bad_url.code == 2);
  CHECK(bad_url.err.find("hunter2") == std::string::npos);

  auto unknown = run_in(dir.path, {"frobnicate"});
  CHECK(unknown.code == 2);
}

TEST_CASE("the real binary: --help lists the commands, bad usage exits 2") {
  auto [help_code, help] = run_binary("--help");
  CHECK(help_code == 0);
  for (const char* command : {"init", "migrate", "upgrade", "downgrade", "current", "history", "heads", "revision",
                              "stamp", "check", "verify"})
    CHECK_MESSAGE(help.find(command) != std::string::npos, command);
  auto [bad_code, bad] = run_binary("upgrade --no-such-flag");
  CHECK(bad_code == 2);
  CHECK(bad.find("error") != std::string::npos);
}

// libpq and its ~25 dependencies are opened only for a PostgreSQL database (dialect/postgres/
// libpq.hpp): linked, they were most of the start-up of every command. The dynamic linker's
// trace of the real binary shows which libraries a run loads. (Not --version: it reports libpq's
// version, so it loads it.)
TEST_CASE("the real binary loads libpq only for PostgreSQL") {
  FILE* pipe = popen(("LD_DEBUG=files " + std::string(DBMIG_BINARY) + " --help 2>&1 >/dev/null").c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string trace;
  std::array<char, 4096> buffer{};
  while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe)) trace.append(buffer.data(), n);
  CHECK(WEXITSTATUS(pclose(pipe)) == 0);
  CHECK(trace.find("libsqlite3") != std::string::npos);  // the trace is there...
  CHECK(trace.find("libpq") == std::string::npos);       // ...without libpq

  // A PostgreSQL URL loads it: the connection error comes from libpq, not from a missing library.
  TempDir dir;
  auto [pg_code, pg] = run_binary("-d " + dir.path.string() + " --url postgresql://nobody@127.0.0.1:1/none current");
  CHECK(pg_code == 3);
  CHECK(pg.find("cannot connect to") != std::string::npos);
  CHECK(pg.find("cannot load") == std::string::npos);
}

}  // namespace dbmig::test
