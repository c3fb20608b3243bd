// The man page and the shell completions are written by the binary from the same definitions as
// --help (cli/cli_outline.hpp): every command and option --help shows is in them, the page renders
// without a warning, and the bash completion completes commands, options and revision ids.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/cli.hpp"
#include "harness.hpp"
#include "shell_run.hpp"

namespace dbmig::test {

namespace {

std::string dbmig_out(std::vector<std::string> args) {
  args.insert(args.begin(), "dbmig");
  std::ostringstream out, err;
  const int code = cli::run(args, out, err);
  INFO(err.str());
  REQUIRE(code == 0);
  return out.str();
}

// The commands `dbmig --help` lists: the words indented under "Subcommands:".
std::vector<std::string> help_commands() {
  const std::string help = dbmig_out({"--help"});
  const auto section = help.find("Subcommands:");
  REQUIRE(section != std::string::npos);
  std::vector<std::string> commands;
  std::istringstream lines(help.substr(section));
  std::string line;
  std::getline(lines, line);
  static const std::regex command_line(R"(^  ([a-z][a-z-]*)\s)");
  while (std::getline(lines, line)) {
    std::smatch match;
    if (std::regex_search(line, match, command_line)) commands.push_back(match[1]);
  }
  return commands;
}

// The option names a help text shows: -x and --long-name at the start of its option lines.
std::set<std::string> help_options(const std::string& help) {
  std::set<std::string> options;
  static const std::regex option_line(R"(^  (-[-a-zA-Z,]+))");
  static const std::regex name(R"(-{1,2}[a-zA-Z][-a-zA-Z]*)");
  std::istringstream lines(help);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (!std::regex_search(line, match, option_line)) continue;
    const std::string names = match[1];
    for (auto it = std::sregex_iterator(names.begin(), names.end(), name); it != std::sregex_iterator(); ++it)
      options.insert(it->str());
  }
  return options;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

std::string write_temp(const TempDir& dir, const std::string& name, const std::string& content) {
  const auto path = (dir.path / name).string();
  std::ofstream(path) << content;
  return path;
}

}  // namespace

TEST_CASE("the man page has every command and option --help has, and renders without warnings") {
  const std::string page = dbmig_out({"__man"});
  const std::string text = replace_all(page, "\\-", "-");  // roff's hyphens
  const auto commands = help_commands();
  REQUIRE(commands.size() >= 15);
  for (const auto& option : help_options(dbmig_out({"--help"})))
    CHECK_MESSAGE(text.find("\\fB" + option + "\\fR") != std::string::npos, option);
  const auto global_at = text.find(".SH GLOBAL OPTIONS");
  const std::string global = text.substr(global_at, text.find(".SH COMMANDS") - global_at);
  for (const auto& command : commands) {
    const auto section = text.find(".SS " + command + "\n");
    REQUIRE_MESSAGE(section != std::string::npos, command);
    const std::string own = text.substr(section, text.find(".S", section + 1) - section);
    // A command's help lists its own options and the global ones; the page has each in its place.
    for (const auto& option : help_options(dbmig_out({command, "--help"}))) {
      const std::string heading = "\\fB" + option + "\\fR";
      CHECK_MESSAGE((own.find(heading) != std::string::npos || global.find(heading) != std::string::npos),
                    std::string(command + " " + option));
    }
  }

  TempDir dir;
  const auto path = write_temp(dir, "dbmig.1", page);
  const auto [code, warnings] = run_shell("groff -man -ww -z " + path + " 2>&1");
  CHECK(code == 0);
  CHECK(warnings == "");
}

TEST_CASE("the bash completion completes commands, options, values and the project's revisions") {
  TempDir scripts;
  const auto script = write_temp(scripts, "dbmig.bash", dbmig_out({"__completion", "bash"}));
  auto database = make_database("sqlite");
  Project project(database->url());
  REQUIRE(project.run({"revision", "-m", "first"}).code == 0);
  const auto files = project.revision_files();
  REQUIRE(files.size() == 1);
  const std::string id = files.front().filename().string().substr(0, files.front().filename().string().find('_'));

  // COMP_WORDS as bash sets them for the line typed so far; COMPREPLY one per line.
  const auto complete = [&](const std::string& words, const std::filesystem::path& where) {
    const std::string program = "source '" + script + "'; COMP_WORDS=('" + std::string(DBMIG_BINARY) + "' " + words +
                                "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _dbmig; printf '%s\\n' \"${COMPREPLY[@]}\"";
    const auto [code, output] = run_shell("cd '" + where.string() + "' && bash -c \"$(cat <<'EOF'\n" + program + "\nEOF\n)\" 2>&1");
    INFO(output);
    CHECK(code == 0);
    return output;
  };
  CHECK(complete("upg", project.dir()) == "upgrade\n");
  CHECK(complete("upgrade --sq", project.dir()) == "--sql\n");
  CHECK(complete("upgrade --no-c", project.dir()) == "--no-color\n");  // a global option after the command
  CHECK(complete("--format ''", project.dir()) == "text\njson\n");
  CHECK(complete("upgrade ''", project.dir()) == id + "\nheads\nbase\n");
  CHECK(complete("stamp h", project.dir()) == "heads\n");
  CHECK(complete("revision --head ''", project.dir()) == id + "\nheads\nbase\n");
  // -d names the project wherever the shell is.
  CHECK(complete("-d '" + project.dir().string() + "' show ''", scripts.path) == id + "\nheads\nbase\n");
  // Outside a project: no revisions, no error on the command line.
  CHECK(complete("upgrade ''", scripts.path) == "heads\nbase\n");
}

TEST_CASE("__complete revisions lists the project's ids, and nothing (exit 0) outside a project") {
  TempDir empty;
  std::ostringstream out, err;
  CHECK(cli::run({"dbmig", "-d", empty.path.string(), "__complete", "revisions"}, out, err) == 0);
  CHECK(out.str() == "");
  CHECK(err.str() == "");

  auto database = make_database("sqlite");
  Project project(database->url());
  REQUIRE(project.run({"revision", "-m", "first"}).code == 0);
  REQUIRE(project.run({"revision", "-m", "second"}).code == 0);
  const auto listed = project.run({"__complete", "revisions"});
  CHECK(listed.code == 0);
  CHECK(std::count(listed.out.begin(), listed.out.end(), '\n') == 2);
}

TEST_CASE("the zsh and fish completions are written for every command") {
  const std::string zsh = dbmig_out({"__completion", "zsh"});
  const std::string fish = dbmig_out({"__completion", "fish"});
  CHECK(zsh.rfind("#compdef dbmig\n", 0) == 0);
  for (const auto& command : help_commands()) {
    CHECK_MESSAGE(zsh.find("\n    '" + command + ":") != std::string::npos, command);
    CHECK_MESSAGE(fish.find(" -a " + command + " -d ") != std::string::npos, command);
  }
  // Parsed by the shells themselves where they are installed.
  TempDir dir;
  if (run_shell("command -v zsh >/dev/null").first == 0)
    CHECK(run_shell("zsh -n " + write_temp(dir, "_dbmig", zsh) + " 2>&1") == std::pair<int, std::string>{0, ""});
  if (run_shell("command -v fish >/dev/null").first == 0)
    CHECK(run_shell("fish -n " + write_temp(dir, "dbmig.fish", fish) + " 2>&1") == std::pair<int, std::string>{0, ""});
  std::ostringstream out, err;
  CHECK(cli::run({"dbmig", "__completion", "tcsh"}, out, err) == 2);
}

}  // namespace dbmig::test
