#pragma once
// Support for the applying-safely and graph tests: hand-written revision files, the real binary
// run as a separate process, SQL statements out of a --sql script or a -vv log, database rows,
// and JSON checked by Python's own parser.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "harness.hpp"
#include "util/text.hpp"

namespace dbmig::test {

// Writes migrations/versions/<id>_rev.yaml. `upgrade` and `downgrade` are YAML: [] or a block
// list starting with a newline.
inline void write_revision(const Project& project, const std::string& id, const std::vector<std::string>& parents,
                           const std::string& message, const std::string& upgrade = "[]",
                           const std::string& downgrade = "[]", const std::vector<std::string>& labels = {}) {
  std::string text = "revision: " + id + "\n";
  text += "down_revision: " + (parents.empty() ? std::string("null") : "[" + util::join(parents, ", ") + "]") + "\n";
  text += "message: \"" + message + "\"\n";
  if (!labels.empty()) text += "branch_labels: [" + util::join(labels, ", ") + "]\n";
  text += "upgrade: " + upgrade + "\ndowngrade: " + downgrade + "\n";
  project.write("migrations/versions/" + id + "_rev.yaml", text);
}

// The real binary, started in the background; wait() gives its exit code and output.
class BinaryProcess {
 public:
  BinaryProcess(const Project& project, const std::vector<std::string>& args) {
    out_ = project.dir() / ("out-" + std::to_string(counter()) + ".txt");
    err_ = project.dir() / ("err-" + std::to_string(counter()++) + ".txt");
    std::vector<std::string> argv{DBMIG_BINARY, "-d", project.dir().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int out = open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(out, STDOUT_FILENO);
      dup2(err, STDERR_FILENO);
      std::vector<char*> raw;
      for (auto& arg : argv) raw.push_back(arg.data());
      raw.push_back(nullptr);
      execv(raw[0], raw.data());
      _exit(127);
    }
  }
  CliResult wait() {
    if (!finished_) waitpid(pid_, &status_, 0);
    finished_ = true;
    return CliResult{WIFEXITED(status_) ? WEXITSTATUS(status_) : -1, read_file(out_), read_file(err_)};
  }
  bool running() {
    if (!finished_ && waitpid(pid_, &status_, WNOHANG) == pid_) finished_ = true;
    return !finished_;
  }
  // Sends `signal` (SIGKILL: the process dies wherever it is, as in a crash or an OOM kill).
  void send(int signal) {
    if (running()) ::kill(pid_, signal);
  }
  // Waits until the process has written `text` to stderr (its log lines are flushed at once);
  // false when it ended or 30 s passed first.
  bool wait_for_stderr(const std::string& text) {
    for (int i = 0; i < 3000; ++i) {
      if (read_file(err_).find(text) != std::string::npos) return true;
      if (!running()) return false;
      usleep(10000);
    }
    return false;
  }

 private:
  static int& counter() {
    static int next = 0;
    return next;
  }
  pid_t pid_ = -1;
  int status_ = 0;
  bool finished_ = false;
  std::filesystem::path out_, err_;
};

inline std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == ';')) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && (text[start] == '\n' || text[start] == ' ')) ++start;
  return text.substr(start);
}

// The statements of a --sql script, without comments and transaction control. Statements end
// with ";" at the end of a line (the tests use no raw SQL with inner semicolons).
inline std::vector<std::string> script_statements(const std::string& script) {
  std::vector<std::string> statements;
  std::string current;
  std::istringstream lines(script);
  for (std::string line; std::getline(lines, line);) {
    if (current.empty() && (line.empty() || line.starts_with("-- "))) continue;
    current += (current.empty() ? "" : "\n") + line;
    if (!line.empty() && line.back() == ';') {
      const std::string statement = trimmed(current);
      if (statement != "BEGIN" && statement != "COMMIT") statements.push_back(statement);
      current.clear();
    }
  }
  return statements;
}

// The statements a -vv run logged ("debug: SQL: ..." up to the next log line).
inline std::vector<std::string> logged_statements(const std::string& log) {
  std::vector<std::string> statements;
  std::string current;
  bool in_statement = false;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    const bool log_line = line.starts_with("debug: ") || line.starts_with("info: ") || line.starts_with("warning: ");
    if (log_line) {
      if (in_statement) statements.push_back(trimmed(current));
      in_statement = line.starts_with("debug: SQL: ");
      current = in_statement ? line.substr(12) : "";
    } else if (in_statement) {
      current += "\n" + line;
    }
  }
  if (in_statement) statements.push_back(trimmed(current));
  return statements;
}

// The history row's duration is measured on a real run and NULL in a script: the one value
// that may differ between the two.
inline std::vector<std::string> without_durations(std::vector<std::string> statements) {
  static const std::regex duration(R"(('[0-9a-f]{64}'), (NULL|'[0-9]+'), )");
  for (auto& statement : statements) statement = std::regex_replace(statement, duration, "$1, <duration>, ");
  return statements;
}

inline std::vector<dialect::Row> query(const TestDatabase& database, const std::string& sql) {
  return database.connect()->query({sql, {}});
}

// Runs `python3 -c CHECK` with the JSON on standard input; CHECK sees it parsed as `d` and fails
// with an assertion. Returns true when the JSON parses and the check holds.
inline bool json_holds(const std::string& json, const std::string& check) {
  const std::string program = "import json, sys\nd = json.loads(sys.stdin.read())\n" + check + "\n";
  std::string quoted = "'";
  for (const char c : program) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  quoted += "'";
  FILE* pipe = popen(("python3 -c " + quoted + " >&2").c_str(), "w");
  REQUIRE(pipe != nullptr);
  fwrite(json.data(), 1, json.size(), pipe);
  const int status = pclose(pipe);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace dbmig::test
