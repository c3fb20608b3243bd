// What a newcomer meets first: typos answered with the word meant, `version`, and each command's
// --help listing the global options too.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/cli.hpp"
#include "harness.hpp"
#include "shell_run.hpp"

namespace dbmig::test {

namespace {

CliResult dbmig(std::vector<std::string> args) {
  args.insert(args.begin(), "dbmig");
  std::ostringstream out, err;
  CliResult result;
  result.code = cli::run(args, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

}  // namespace

TEST_CASE("a mistyped command is named, with the command it was probably meant to be") {
  const auto typo = dbmig({"upgarde"});
  CHECK(typo.code == 2);
  CHECK(typo.err.find("unknown command 'upgarde'") != std::string::npos);
  CHECK(typo.err.find("did you mean 'upgrade'?") != std::string::npos);
  CHECK(typo.err.find("A subcommand is required") == std::string::npos);

  const auto far_off = dbmig({"frobnicate"});
  CHECK(far_off.code == 2);
  CHECK(far_off.err.find("unknown command 'frobnicate'") != std::string::npos);
  CHECK(far_off.err.find("did you mean") == std::string::npos);

  // No command at all is still CLI11's own message.
  const auto none = dbmig({});
  CHECK(none.code == 2);
  CHECK(none.err.find("subcommand is required") != std::string::npos);
}

TEST_CASE("a mistyped option is named, with the option of that command it was probably meant to be") {
  const auto own = dbmig({"upgrade", "--sqll"});
  CHECK(own.code == 2);
  CHECK(own.err.find("unknown option '--sqll' for 'dbmig upgrade'") != std::string::npos);
  CHECK(own.err.find("did you mean '--sql'?") != std::string::npos);

  const auto global = dbmig({"current", "--verbsoe"});
  CHECK(global.code == 2);
  CHECK(global.err.find("did you mean '--verbose'?") != std::string::npos);

  const auto before_command = dbmig({"--formt=json", "current"});
  CHECK(before_command.code == 2);
  CHECK(before_command.err.find("unknown option '--formt'") != std::string::npos);
  CHECK(before_command.err.find("did you mean '--format'?") != std::string::npos);
}

TEST_CASE("version and --version: dbmig's version, its commit and the client libraries") {
  const auto command = dbmig({"version"});
  REQUIRE(command.code == 0);
  CHECK(command.out.rfind(std::string("dbmig ") + DBMIG_VERSION + " (commit ", 0) == 0);
  CHECK(command.out.find("\nSQLite 3.") != std::string::npos);
  CHECK(command.out.find("\nlibpq ") != std::string::npos);
  CHECK(command.out.find("\nlibmariadb ") != std::string::npos);
  CHECK(dbmig({"--version"}).out == command.out);

  const auto json = dbmig({"--format", "json", "version"});
  REQUIRE(json.code == 0);
  CHECK(json.out.find(std::string("{\"version\":\"") + DBMIG_VERSION + "\",\"commit\":\"") == 0);
  CHECK(json.out.find("{\"dialect\":\"sqlite\",\"library\":\"SQLite\",\"version\":\"3.") != std::string::npos);

  // The commit is git's short hash here (a checkout); a tarball's build says "unknown".
  const auto [git_code, head] = run_shell("git -C " + std::string(DBMIG_SOURCE_DIR) + " rev-parse --short HEAD 2>/dev/null");
  if (git_code == 0 && !head.empty())
    CHECK(command.out.find("(commit " + head.substr(0, head.size() - 1) + ")") != std::string::npos);
}

TEST_CASE("a command's --help lists the global options, and --format as text|json") {
  const auto help = dbmig({"upgrade", "--help"});
  REQUIRE(help.code == 0);
  CHECK(help.out.find("--sql") != std::string::npos);  // its own
  for (const char* option : {"--url", "-c,--config", "-d,--directory", "--format", "-v,--verbose", "-q,--quiet",
                             "--no-color"})
    CHECK_MESSAGE(help.out.find(option) != std::string::npos, option);
  CHECK(help.out.find("text|json") != std::string::npos);
  CHECK(help.out.find("->") == std::string::npos);  // CLI11's "value in {text->0,json->1}"
  CHECK(help.out.find("Global options") < help.out.find("Exit codes:"));  // before the footer

  const auto bad_format = dbmig({"--format", "jsn", "version"});
  CHECK(bad_format.code == 2);
  CHECK(bad_format.err.find("'jsn' is not an output format: use text or json") != std::string::npos);
  CHECK(bad_format.err.find("->") == std::string::npos);

  const auto top = dbmig({"--help"});
  CHECK(top.out.find("text|json") != std::string::npos);
  CHECK(top.out.find("Global options") == std::string::npos);  // they are the top level's own options
  CHECK(top.out.find("__") == std::string::npos);              // the hidden commands stay hidden
}

}  // namespace dbmig::test

namespace dbmig::test {

// libpq and libmariadb are opened at run time and only recommended by the package: without them
// --version says so instead of failing. Hidden here by mounting /dev/null over them in a private
// mount namespace (root only; skipped where unshare is not allowed).
TEST_CASE("--version says 'not installed' for a client library that cannot be loaded") {
  const std::string hide = "for library in libpq.so.5 libmariadb.so.3; do "
                           "mount --bind /dev/null \"$(readlink -f /usr/lib/$(gcc -print-multiarch)/$library)\" || exit 99; "
                           "done; ";
  const auto [code, output] =
      run_shell("unshare -m true 2>/dev/null || exit 99; unshare -m sh -c '" + hide + std::string(DBMIG_BINARY) +
                " --version' 2>/dev/null");
  if (code == 99) {
    MESSAGE("skipped: cannot hide the libraries here (needs root and unshare -m)");
    return;
  }
  CHECK(code == 0);
  CHECK(output.find("\nSQLite 3.") != std::string::npos);
  CHECK(output.find("\nlibpq not installed (postgresql)\n") != std::string::npos);
  CHECK(output.find("\nlibmariadb not installed (mysql)\n") != std::string::npos);
}

}  // namespace dbmig::test
