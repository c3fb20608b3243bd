// The bad-input corpus: every directory under tests/data/bad/ is a project holding one malformed
// input (a models file, dbmig.yaml, a revision file, a URL) and a case.yaml saying what dbmig
// must answer. Each runs through the real binary, in a process of its own with CPU and memory
// limits, so that a crash, a hang or a blow-up fails the case instead of the suite. Checked: the
// exit code, the message fragments (the location included), that no signal ended the process,
// and that the SQLite database is byte for byte what it was.
//
// case.yaml:
//   about: what is malformed (one line)
//   args: [check]            dbmig arguments, run as `dbmig -d <copy of the case> ARGS`
//   exit: 2                  the expected exit code
//   stderr: ["models.yaml:3:7", "alias"]   fragments that must all appear on stderr
//   setup_sql: "CREATE TABLE t (x integer);"   optional, run on db.sqlite first
// Files the case does not give are made: dbmig.yaml (sqlite:///db.sqlite), a one-table
// models.yaml and an empty migrations/versions/.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <yaml-cpp/yaml.h>

#include "dialect/sqlite/sqlite_connection.hpp"
#include "harness.hpp"

namespace dbmig::test {

namespace {

namespace fs = std::filesystem;

const fs::path corpus = fs::path(DBMIG_TEST_DATA) / "bad";

struct Expectation {
  std::string about;
  std::vector<std::string> args;
  int exit = -1;
  std::vector<std::string> stderr_fragments;
  std::string setup_sql;
};

Expectation read_expectation(const fs::path& case_dir) {
  const YAML::Node node = YAML::LoadFile((case_dir / "case.yaml").string());
  Expectation expectation;
  expectation.about = node["about"].as<std::string>("");
  expectation.args = node["args"].as<std::vector<std::string>>();
  expectation.exit = node["exit"].as<int>();
  if (node["stderr"]) expectation.stderr_fragments = node["stderr"].as<std::vector<std::string>>();
  if (node["setup_sql"]) expectation.setup_sql = node["setup_sql"].as<std::string>();
  return expectation;
}

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The case's files over the defaults a project needs.
void lay_out_project(const fs::path& case_dir, const fs::path& project) {
  fs::copy(case_dir, project, fs::copy_options::recursive);
  fs::remove(project / "case.yaml");
  if (!fs::exists(project / "dbmig.yaml"))
    write_text(project / "dbmig.yaml",
               "database_url: sqlite:///db.sqlite\nmodels: models.yaml\nmigrations: migrations\n");
  if (!fs::exists(project / "models.yaml"))
    write_text(project / "models.yaml", "tables:\n  users:\n    columns:\n      id: {type: integer, primary_key: true}\n");
  fs::create_directories(project / "migrations" / "versions");
}

struct Outcome {
  bool exited = false;  // false: a signal (a crash, or the CPU/memory limits) ended it
  int code = -1;
  int signal = 0;
  std::string err;
};

// This process's environment, made before fork() (no allocation in the child). Under
// AddressSanitizer, which reserves terabytes of shadow address space at start-up and so cannot
// run under RLIMIT_AS, the child's memory is bounded by ASan's own resident-memory limit instead.
std::vector<std::string> limited_environment() {
  std::vector<std::string> environment;
  bool has_asan_options = false;
  for (char** variable = environ; *variable; ++variable) {
    environment.emplace_back(*variable);
    if (environment.back().rfind("ASAN_OPTIONS=", 0) == 0) {
      has_asan_options = true;
      environment.back() += ":hard_rss_limit_mb=2048";
    }
  }
  if (!has_asan_options) environment.emplace_back("ASAN_OPTIONS=hard_rss_limit_mb=2048");
  return environment;
}

// The binary in a child with 20 s of CPU and 2 GiB of memory (address space, or under ASan
// resident memory): a blow-up is a failed case.
Outcome run_limited(const fs::path& project, const std::vector<std::string>& args) {
  const fs::path err_path = project.parent_path() / "stderr.txt";
  std::vector<std::string> argv{DBMIG_BINARY, "-d", project.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> environment = limited_environment();
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const rlimit cpu{20, 20};
    setrlimit(RLIMIT_CPU, &cpu);
#if !defined(__SANITIZE_ADDRESS__)
    const rlimit memory{2ULL << 30, 2ULL << 30};
    setrlimit(RLIMIT_AS, &memory);
#endif
    const int null = open("/dev/null", O_RDWR);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    std::vector<char*> raw;
    for (auto& arg : argv) raw.push_back(arg.data());
    raw.push_back(nullptr);
    std::vector<char*> raw_environment;
    for (auto& variable : environment) raw_environment.push_back(variable.data());
    raw_environment.push_back(nullptr);
    execve(raw[0], raw.data(), raw_environment.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Outcome outcome;
  outcome.exited = WIFEXITED(status);
  outcome.code = outcome.exited ? WEXITSTATUS(status) : -1;
  outcome.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  outcome.err = read_file(err_path);
  return outcome;
}

std::string file_bytes(const fs::path& path) { return fs::exists(path) ? read_file(path) : std::string("<absent>"); }

std::vector<fs::path> case_dirs() {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(corpus))
    if (entry.is_directory()) dirs.push_back(entry.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

}  // namespace

TEST_CASE("bad-input corpus: each malformed input gets its exit code and message, and changes nothing") {
  const auto dirs = case_dirs();
  REQUIRE_FALSE(dirs.empty());
  for (const auto& case_dir : dirs) {
    const Expectation expectation = read_expectation(case_dir);
    INFO("case " << case_dir.filename().string() << ": " << expectation.about);
    TempDir temp;
    const fs::path project = temp.path / "project";
    lay_out_project(case_dir, project);
    const fs::path database = project / "db.sqlite";
    if (!expectation.setup_sql.empty()) dialect::sqlite::SqliteConnection(database.string()).execute({expectation.setup_sql, {}});
    const std::string before = file_bytes(database);

    const Outcome outcome = run_limited(project, expectation.args);
    INFO("stderr: " << outcome.err);
    CHECK_MESSAGE(outcome.exited, "ended by signal " << outcome.signal);
    CHECK(outcome.code == expectation.exit);
    for (const auto& fragment : expectation.stderr_fragments) CHECK_MESSAGE(outcome.err.find(fragment) != std::string::npos, "missing: " << fragment);
    CHECK(outcome.err.find("terminate called") == std::string::npos);
    CHECK(file_bytes(database) == before);
  }
}

}  // namespace dbmig::test
