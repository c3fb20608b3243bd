// Table-driven tests of `dbmig lint`'s rules: each case in tests/data/lint/*.yaml is a revision
// (its upgrade list, or a whole file) and the findings lint must report, by rule id and line, in
// order; or, for a file that does not parse, the usage error and its line.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include <yaml-cpp/yaml.h>

#include "error_capture.hpp"
#include "lint/lint_revision.hpp"
#include "lint/rule_catalog.hpp"
#include "lint/sql_rules.hpp"
#include "revision/revision.hpp"

namespace {

using namespace dbmig;
namespace fs = std::filesystem;

const schema::NamingConvention naming;

// The revision around a case's `upgrade` text: three header lines, so that the case's line N is
// the file's line N + 3.
constexpr int header_lines = 3;
std::string revision_around(const std::string& upgrade) {
  return "revision: aaaaaaaaaaaa\ndown_revision: null\nupgrade:\n" + upgrade + "downgrade: []\n";
}

struct Case {
  std::string name;
  std::string text;
  int line_offset = 0;  // added to the case's expected lines
  YAML::Node expected;
};

std::vector<fs::path> case_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DBMIG_TEST_DATA) / "lint"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<Case> cases_of(const fs::path& file) {
  std::vector<Case> cases;
  for (const auto& node : YAML::LoadFile(file.string())["cases"]) {
    Case test{file.filename().string() + ": " + node["name"].as<std::string>(), "", 0, node};
    if (node["upgrade"]) {
      test.text = revision_around(node["upgrade"].as<std::string>());
      test.line_offset = header_lines;
    } else {
      test.text = node["file"].as<std::string>();
    }
    cases.push_back(std::move(test));
  }
  return cases;
}

std::string listed(const std::vector<lint::Finding>& findings) {
  std::string text;
  for (const auto& finding : findings) text += finding.where.to_string() + " " + finding.rule + "\n";
  return text;
}

void check_findings(const Case& test, const std::vector<lint::Finding>& findings) {
  const YAML::Node expected = test.expected["findings"];
  REQUIRE_MESSAGE(expected.IsSequence(), "a case needs `findings` (or `error`)");
  INFO("found:\n" << listed(findings));
  REQUIRE(findings.size() == expected.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const lint::Finding& finding = findings[i];
    CHECK(finding.rule == expected[i]["rule"].as<std::string>());
    CHECK(finding.where.file == "case.yaml");
    CHECK(finding.where.line == expected[i]["line"].as<int>() + test.line_offset);
    if (expected[i]["column"]) CHECK(finding.where.column == expected[i]["column"].as<int>());
    // Every finding explains itself: the step, the danger, the way out, the catalog's severity.
    CHECK_FALSE(finding.statement.empty());
    CHECK_FALSE(finding.why.empty());
    CHECK_FALSE(finding.safe_form.empty());
    REQUIRE(lint::find_rule(finding.rule) != nullptr);
    CHECK(finding.severity == lint::find_rule(finding.rule)->severity);
  }
}

void check_error(const Case& test) {
  const auto error = test::error_of([&] { (void)revision::parse_revision(test.text, "case.yaml", naming); });
  REQUIRE(error.has_value());
  CHECK(error->code() == ExitCode::usage);
  REQUIRE(error->where().has_value());
  CHECK(error->where()->file == "case.yaml");
  CHECK(error->where()->line == test.expected["error"]["line"].as<int>());
  CHECK(error->where()->column > 0);
  CHECK(test::contains(error->message(), test.expected["error"]["message"].as<std::string>()));
}

}  // namespace

TEST_CASE("lint: the case table in tests/data/lint") {
  const auto files = case_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files)
    for (const Case& test : cases_of(file)) {
      CAPTURE(test.name);
      if (test.expected["error"]) {
        check_error(test);
        continue;
      }
      // A case meant to lint must parse; its error, if any, is the failure to read.
      const auto error = test::error_of([&] {
        const auto parsed = revision::parse_revision(test.text, "case.yaml", naming);
        const bool online = test.expected["online"] && test.expected["online"].as<bool>();
        check_findings(test, lint::lint_revision(parsed, test.text, online));
      });
      if (error) FAIL_CHECK(error->describe());
    }
}

TEST_CASE("lint: every rule of the catalog is expected by some case") {
  std::set<std::string> expected;
  std::size_t case_count = 0;
  for (const auto& file : case_files())
    for (const Case& test : cases_of(file)) {
      ++case_count;
      for (const auto& finding : test.expected["findings"]) expected.insert(finding["rule"].as<std::string>());
    }
  CHECK(case_count >= 38);
  for (const auto& rule : lint::all_rules()) {
    CAPTURE(rule.id);
    CHECK(expected.count(std::string(rule.id)) == 1);
  }
}

TEST_CASE("lint: step positions are kept for upgrade and downgrade steps") {
  const std::string text = revision_around("  - drop_table: a\n  - sql: \"SELECT 1\"\n") ;
  const auto parsed = revision::parse_revision(text, "case.yaml", naming);
  REQUIRE(parsed.upgrade_positions.size() == 2);
  CHECK(parsed.upgrade_positions[1].to_string() == "case.yaml:5:5");
  CHECK(parsed.downgrade_positions.empty());
}

TEST_CASE("lint: SQL cut off anywhere is read without an exception") {
  // Every prefix of statements that use each construct the SQL rules read: the readers must stop
  // at the end of whatever text they get (revision files hold hand-written, half-finished SQL).
  const std::string sql =
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON ONLY \"s\".t (a); DROP INDEX x; DROP TABLE IF EXISTS t; "
      "ALTER TABLE IF EXISTS ONLY s.t * ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u (id) NOT VALID, "
      "ALTER COLUMN a SET DATA TYPE bigint, RENAME COLUMN a TO b, DROP COLUMN IF EXISTS c, "
      "ADD COLUMN d uuid DEFAULT gen_random_uuid() UNIQUE; LOCK TABLE t IN SHARE MODE; VACUUM (FULL) t; "
      "REINDEX TABLE t; CLUSTER t; TRUNCATE t; DO $tag$ BEGIN IF x THEN ALTER TABLE t RENAME TO u; END IF; END $tag$";
  for (std::size_t length = 0; length <= sql.size(); ++length) {
    CAPTURE(length);
    lint::NewTables new_tables;
    std::vector<lint::Finding> findings;
    CHECK_NOTHROW(findings = lint::sql_findings(std::string_view(sql).substr(0, length), new_tables,
                                                Location{"case.yaml", 1, 1}, ""));
    if (length == sql.size()) CHECK(findings.size() == 13);
  }
}
