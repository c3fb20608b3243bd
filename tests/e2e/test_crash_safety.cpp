// Crash safety: `upgrade` and `downgrade` killed with SIGKILL at random moments (seeded) on every
// dialect. After each kill the version table, the history table and the data must agree (a
// revision's table and rows exist exactly when the version table says it is applied), and a
// plain re-run must finish the job. DBMIG_CRASH_TRIALS sets the number of trials (CI runs a
// handful; run many by hand), DBMIG_CRASH_SEED the first seed.
#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <thread>

#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

constexpr int chain_length = 5;
constexpr int rows_per_table = 20000;

std::string revision_id(int k) { return "c" + std::to_string(k) + std::string(10, 'a' + static_cast<char>(k)) + "0"; }
std::string table_of(int k) { return "crash_t" + std::to_string(k); }

// Each revision: a table (DDL), its rows (raw SQL per dialect) and an index.
void write_crash_chain(const Project& project) {
  for (int k = 1; k <= chain_length; ++k) {
    const std::string table = table_of(k);
    const std::string n = std::to_string(rows_per_table);
    write_revision(project, revision_id(k), k == 1 ? std::vector<std::string>{} : std::vector<std::string>{revision_id(k - 1)},
                   "step " + std::to_string(k),
                   "\n  - create_table: {name: " + table +
                       ", columns: {id: {type: integer, primary_key: true}, v: {type: string(40)}}}"
                       "\n  - sql: {sqlite: \"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " +
                       n + ") INSERT INTO " + table + " SELECT x, 'v' || x FROM c\", postgresql: \"INSERT INTO " + table +
                       " SELECT x, 'v' || x FROM generate_series(1, " + n + ") AS x\", mysql: \"INSERT INTO " + table +
                       " SELECT seq, CONCAT('v', seq) FROM seq_1_to_" + n + "\"}"
                       "\n  - create_index: {table: " + table + ", name: ix_" + table + "_v, columns: [v]}",
                   "\n  - drop_index: {table: " + table + ", name: ix_" + table + "_v}\n  - drop_table: " + table);
  }
}

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::atoi(value) : fallback;
}

// How many revisions the version table says are applied (the chain is linear).
int applied_count(const TestDatabase& database) {
  const auto tables = database.table_names();
  if (std::find(tables.begin(), tables.end(), "dbmig_version") == tables.end()) return 0;
  const auto rows = query(database, "SELECT version_num FROM dbmig_version");
  if (rows.empty()) return 0;
  REQUIRE(rows.size() == 1);
  for (int k = 1; k <= chain_length; ++k)
    if (rows[0].at(0) == revision_id(k)) return k;
  FAIL("the version table holds an unknown revision: " << rows[0].at(0).value_or("NULL"));
  return -1;
}

// The revision a killed run left half done, where DDL commits implicitly (MySQL): its progress row.
std::string unfinished_revision(const TestDatabase& database) {
  if (database.dialect().transactional_ddl()) return {};
  const auto exists = query(database, "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                                      "TABLE_NAME = 'dbmig_progress'");
  if (exists.empty()) return {};
  const auto rows = query(database, "SELECT revision FROM dbmig_progress");
  return rows.empty() ? std::string() : rows.front().at(0).value_or("");
}

// The version table, the history table and the data tell the same story. Where DDL commits
// implicitly, the one revision the progress table names may be half done (a re-run finishes it).
void expect_consistent(const TestDatabase& database) {
  const int applied = applied_count(database);
  const auto tables = database.table_names();
  const std::string unfinished = unfinished_revision(database);
  for (int k = 1; k <= chain_length; ++k) {
    INFO("revision " << k << ", applied up to " << applied << ", unfinished: " << unfinished);
    if (revision_id(k) == unfinished) continue;
    const bool present = std::find(tables.begin(), tables.end(), table_of(k)) != tables.end();
    CHECK(present == (k <= applied));
    if (present) CHECK(database.count_rows(table_of(k)) == rows_per_table);
  }
  if (std::find(tables.begin(), tables.end(), "dbmig_version") == tables.end()) return;
  // Net of the history rows: +1 per upgrade, -1 per downgrade; 1 exactly for applied revisions.
  std::map<std::string, int> net;
  for (const auto& row : query(database, "SELECT revision, direction FROM dbmig_history"))
    net[row.at(0).value_or("")] += row.at(1) == std::optional<std::string>("upgrade") ? 1 : -1;
  for (int k = 1; k <= chain_length; ++k) CHECK(net[revision_id(k)] == (k <= applied ? 1 : 0));
}

// Starts `args`, kills it after `delay`, waits for it to be gone. False when it had ended first.
bool kill_after(const Project& project, const std::vector<std::string>& args, std::chrono::milliseconds delay) {
  BinaryProcess process(project, args);
  std::this_thread::sleep_for(delay);
  const bool running = process.running();
  process.send(SIGKILL);
  process.wait();
  return running;
}

template <class Backend>
void crash_trials() {
  const int trials = env_int("DBMIG_CRASH_TRIALS", 3);
  const int first_seed = env_int("DBMIG_CRASH_SEED", 1);
  int kills = 0, landed = 0;
  for (int trial = 0; trial < trials; ++trial) {
    const int seed = first_seed + trial;
    INFO("seed " << seed << " (DBMIG_CRASH_SEED=" << seed << " DBMIG_CRASH_TRIALS=1 repeats it)");
    std::mt19937 random(static_cast<unsigned>(seed));
    std::uniform_int_distribution<int> delay_ms(0, 600);
    auto database = make_database(Backend::name);
    if (!database) return;
    Project project(database->url());
    write_crash_chain(project);

    landed += kill_after(project, {"upgrade"}, std::chrono::milliseconds(delay_ms(random))) ? 1 : 0;
    ++kills;
    expect_consistent(*database);
    const auto finish = project.run({"upgrade", "--lock-timeout", "60"});
    INFO(finish.err);
    REQUIRE(finish.code == 0);
    CHECK(applied_count(*database) == chain_length);
    expect_consistent(*database);

    landed += kill_after(project, {"downgrade", "base"}, std::chrono::milliseconds(delay_ms(random))) ? 1 : 0;
    ++kills;
    expect_consistent(*database);
    const auto back = project.run({"downgrade", "base", "--lock-timeout", "60"});
    INFO(back.err);
    REQUIRE(back.code == 0);
    CHECK(applied_count(*database) == 0);
    expect_consistent(*database);
    CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
  }
  const std::string summary = std::string(Backend::name) + ": " + std::to_string(landed) + " of " +
                              std::to_string(kills) + " kills landed while dbmig was running";
  MESSAGE(summary);
}

}  // namespace

TEST_CASE_TEMPLATE("killed at random moments, upgrade and downgrade leave a state a re-run finishes", Backend,
                   DBMIG_TEST_BACKENDS) {
  crash_trials<Backend>();
}

}  // namespace dbmig::test
