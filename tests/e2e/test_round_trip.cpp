// The round trip of adopting a real database, data-driven: each case in tests/data/roundtrip/*.yaml
// gives a START and a TARGET schema as SQL. Both are built on fresh databases; `dbmig inspect`
// of TARGET becomes the models of a project on START; `migrate` + `upgrade` must then give START
// the catalog TARGET has (as the database reports it: catalog_dump, not dbmig's introspection),
// keep the rows of the tables both have, leave `migrate` nothing more to do, and `downgrade -1`
// must give START back the catalog it had. Issue 13.
//
// A case file is a YAML list of cases:
//   - name: serial primary key       unique within its dialect
//     dialect: postgresql            sqlite | postgresql | both (the SQL must then suit both)
//     start: "CREATE TABLE ..."      optional: the SQL that builds START (rows included)
//     target: "CREATE TABLE ..."     the SQL that builds TARGET
//     known_gap: "why"               optional: dbmig does not model this yet; or per dialect,
//                                    {sqlite: "why"}, for a `both` case that fails on one only
// A known_gap case still runs and must fail: once it passes the test fails saying so, so that the
// files stay an honest ledger of what works.
//
// Environment, for working on cases: DBMIG_RT_CASE=text runs only the cases whose name holds it;
// DBMIG_RT_VERBOSE=1 also prints why each known gap fails.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "catalog_dump.hpp"
#include "harness.hpp"

namespace dbmig::test {

namespace {

namespace fs = std::filesystem;

struct RoundTripCase {
  std::string file;
  std::string name;
  std::string dialect;  // sqlite, postgresql or both
  std::string start;
  std::string target;
  std::string known_gap;
};

const std::set<std::string> case_keys{"name", "dialect", "start", "target", "known_gap"};

// Every case of every file that runs on `dialect`, in file then list order. A malformed case
// (an unknown key, a missing name or target, a duplicate name) fails the test: a typo such as
// `knwon_gap` must not silently turn a case into something else.
std::vector<RoundTripCase> load_cases(const std::string& dialect) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DBMIG_TEST_DATA) / "roundtrip"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<RoundTripCase> cases;
  std::set<std::string> names;
  for (const auto& file : files) {
    const YAML::Node list = YAML::LoadFile(file.string());
    REQUIRE_MESSAGE(list.IsSequence(), file.filename().string() << ": a list of cases");
    for (const auto& node : list) {
      RoundTripCase one;
      one.file = file.filename().string();
      for (const auto& key : node)
        REQUIRE_MESSAGE(case_keys.count(key.first.as<std::string>()) == 1,
                        one.file << ": unknown key " << key.first.as<std::string>());
      one.name = node["name"].as<std::string>("");
      one.dialect = node["dialect"].as<std::string>("");
      one.start = node["start"].as<std::string>("");
      one.target = node["target"].as<std::string>("");
      // known_gap: "why" for every dialect the case runs on, or {sqlite: "why"} for some.
      const YAML::Node gap = node["known_gap"];
      if (gap && gap.IsMap()) {
        for (const auto& entry : gap)
          REQUIRE_MESSAGE((entry.first.as<std::string>() == "sqlite" || entry.first.as<std::string>() == "postgresql"),
                          one.file << ": case " << one.name << ": known_gap keys are sqlite and postgresql");
        one.known_gap = gap[dialect].as<std::string>("");
      } else {
        one.known_gap = gap.as<std::string>("");
      }
      REQUIRE_MESSAGE(!one.name.empty(), one.file << ": a case without a name");
      REQUIRE_MESSAGE(!one.target.empty(), one.file << ": case " << one.name << " has no target");
      REQUIRE_MESSAGE((one.dialect == "sqlite" || one.dialect == "postgresql" || one.dialect == "both"),
                      one.file << ": case " << one.name << ": dialect must be sqlite, postgresql or both");
      if (one.dialect != dialect && one.dialect != "both") continue;
      REQUIRE_MESSAGE(names.insert(one.name).second, one.file << ": two cases named " << one.name);
      cases.push_back(std::move(one));
    }
  }
  return cases;
}

struct Outcome {
  std::string setup_error;            // the case's own SQL failed: the case is wrong, not dbmig
  std::vector<std::string> problems;  // what went wrong in the round trip; empty: it passed
};

std::string revision_texts(const Project& project) {
  std::string text;
  for (const auto& file : project.revision_files())
    text += "--- " + file.filename().string() + " ---\n" + read_file(file);
  return text;
}

// Rows of the tables that both `before` and `expected_tables` hold must still be there.
void compare_rows(const std::map<std::string, long long>& before, const std::map<std::string, long long>& expected_tables,
                  const std::map<std::string, long long>& now, const std::string& when, Outcome& outcome) {
  for (const auto& [table, count] : before) {
    if (expected_tables.count(table) == 0) continue;
    const auto found = now.find(table);
    const long long rows_now = found == now.end() ? -1 : found->second;
    if (rows_now != count)
      outcome.problems.push_back(when + ": table " + table + " had " + std::to_string(count) + " rows, now " +
                                 std::to_string(rows_now));
  }
}

void run_sql(const TestDatabase& database, const std::string& sql, const std::string& which, Outcome& outcome) {
  if (sql.empty()) return;
  try {
    database.connect()->execute({sql, {}});
  } catch (const std::exception& error) {
    outcome.setup_error = which + " SQL fails: " + error.what();
  }
}

// The steps of the round trip; each failure is recorded and, where later steps cannot mean
// anything after it, ends the case.
void round_trip(const RoundTripCase& one, const std::string& dialect, Outcome& outcome) {
  const auto start = make_database(dialect);
  const auto target = make_database(dialect);
  REQUIRE(start);
  REQUIRE(target);
  run_sql(*start, one.start, "start", outcome);
  run_sql(*target, one.target, "target", outcome);
  if (!outcome.setup_error.empty()) return;
  const std::string start_catalog = catalog::dump(*start);
  const auto start_rows = catalog::row_counts(*start);
  const std::string target_catalog = catalog::dump(*target);
  const auto target_rows = catalog::row_counts(*target);

  Project project(start->url());
  const CliResult inspect = project.run({"--url", target->url(), "inspect"});
  if (inspect.code != 0) {
    outcome.problems.push_back("inspect of TARGET failed (exit " + std::to_string(inspect.code) + "): " + inspect.err);
    return;
  }
  project.write("models.yaml", inspect.out);

  // `check` loads the models first: exit 2 there, with no revision yet, is the models file refused.
  const CliResult check = project.run({"check"});
  if (check.code == 2) {
    outcome.problems.push_back("inspect wrote a file dbmig refuses: " + check.err + "--- models.yaml ---\n" +
                               inspect.out);
    return;
  }
  const CliResult migrate = project.run({"migrate", "-m", "rt"});
  if (migrate.code != 0) {
    outcome.problems.push_back("migrate failed (exit " + std::to_string(migrate.code) + "): " + migrate.err +
                               "--- models.yaml ---\n" + inspect.out);
    return;
  }
  // "No changes detected" writes no revision: START already is TARGET, and there is nothing to
  // apply or revert.
  const bool made_revision = !project.revision_files().empty();
  const std::string revision = revision_texts(project);
  if (made_revision) {
    const CliResult upgrade = project.run({"upgrade"});
    if (upgrade.code != 0) {
      outcome.problems.push_back("upgrade failed (exit " + std::to_string(upgrade.code) + "): " + upgrade.err +
                                 revision);
      return;
    }
  }

  const std::string upgraded = catalog::dump(*start);
  const std::string upgrade_diff = catalog::line_diff(target_catalog, upgraded);
  if (!upgrade_diff.empty())
    outcome.problems.push_back("after upgrade START's catalog is not TARGET's (- TARGET, + START):\n" + upgrade_diff +
                               revision);
  compare_rows(start_rows, target_rows, catalog::row_counts(*start), "after upgrade", outcome);

  const CliResult again = project.run({"migrate", "-m", "again"});
  if (again.code != 0 || again.out.find("No changes detected") == std::string::npos) {
    outcome.problems.push_back("migrate after upgrade did not say \"No changes detected\" (exit " +
                               std::to_string(again.code) + "): " + again.out + again.err);
    // The extra revision would make `downgrade -1` mean something else: drop it.
    const auto files = project.revision_files();
    for (std::size_t i = made_revision ? 1 : 0; i < files.size(); ++i) fs::remove(files[i]);
  }

  if (!made_revision) return;
  const CliResult down = project.run({"downgrade", "-1"});
  if (down.code != 0) {
    outcome.problems.push_back("downgrade -1 failed (exit " + std::to_string(down.code) + "): " + down.err + revision);
    return;
  }
  const std::string downgrade_diff = catalog::line_diff(start_catalog, catalog::dump(*start));
  if (!downgrade_diff.empty())
    outcome.problems.push_back("after downgrade START's catalog is not what it was (- before, + after):\n" +
                               downgrade_diff + revision);
  compare_rows(start_rows, target_rows, catalog::row_counts(*start), "after downgrade", outcome);
}

Outcome run_case(const RoundTripCase& one, const std::string& dialect) {
  Outcome outcome;
  try {
    round_trip(one, dialect, outcome);
  } catch (const std::exception& error) {
    outcome.problems.push_back(std::string("exception: ") + error.what());
  }
  return outcome;
}

std::string joined(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& problem : problems) text += problem + "\n";
  return text;
}

bool env_flag(const char* name) {
  const char* value = std::getenv(name);
  return value && std::string(value) == "1";
}

void run_dialect(const std::string& dialect) {
  if (!make_database(dialect)) return;  // PostgreSQL without a server: make_database said so
  const char* only = std::getenv("DBMIG_RT_CASE");
  const bool verbose = env_flag("DBMIG_RT_VERBOSE");
  const auto cases = load_cases(dialect);
  REQUIRE_FALSE(cases.empty());
  int total = 0, passed = 0, known_gaps = 0, failing = 0;
  for (const auto& one : cases) {
    if (only && *only && one.name.find(only) == std::string::npos) continue;
    ++total;
    INFO("case \"" << one.name << "\" (" << one.file << ", " << dialect << ")");
    const Outcome outcome = run_case(one, dialect);
    if (!outcome.setup_error.empty()) {
      ++failing;
      FAIL_CHECK("the case itself is wrong: " << outcome.setup_error);
      continue;
    }
    const bool ok = outcome.problems.empty();
    if (one.known_gap.empty()) {
      ok ? ++passed : ++failing;
      CHECK_MESSAGE(ok, joined(outcome.problems));
    } else {
      ok ? ++failing : ++known_gaps;
      CHECK_MESSAGE(!ok, "now passes: remove known_gap (" << one.known_gap << ")");
      if (!ok && verbose) MESSAGE("known gap \"" << one.name << "\" (" << one.known_gap << "):\n" << joined(outcome.problems));
    }
  }
  std::ostringstream summary;
  summary << "round trip " << dialect << ": " << total << " cases, " << passed << " pass, " << known_gaps
          << " known gaps";
  if (failing) summary << ", " << failing << " failing";
  MESSAGE(summary.str());
}

}  // namespace

TEST_CASE("round trip sqlite: inspect TARGET, migrate START to it, same catalog, no changes left, downgrade restores") {
  run_dialect("sqlite");
}

TEST_CASE("round trip postgresql: inspect TARGET, migrate START to it, same catalog, no changes left, downgrade restores") {
  run_dialect("postgresql");
}

}  // namespace dbmig::test
