#pragma once
// Applies revisions: plans the walk on the graph, renders each op with the dialect, runs each
// revision with its version-table update and history row in one transaction (or all in one), or
// writes the SQL.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "revision/graph.hpp"
#include "runtime/history_store.hpp"
#include "runtime/progress_store.hpp"
#include "runtime/schema_tracker.hpp"
#include "runtime/statement_sink.hpp"
#include "runtime/version_store.hpp"
#include "util/error.hpp"

namespace dbmig::runtime {

enum class Direction { upgrade, downgrade };

const char* direction_name(Direction direction);  // "upgrade" / "downgrade"

struct StepReport {
  const revision::Revision* revision = nullptr;
  Direction direction = Direction::upgrade;
  std::chrono::microseconds took{0};
  bool skipped = false;  // another run had already done it (seen when re-reading the version table)
};

// What a run does when a statement gives up waiting for a lock (the session's lock_timeout: it
// must not sit in the lock queue in front of the application's queries): the revision is rolled
// back (or, where statements were committed apart, resumed from its progress row) and tried
// again after a pause that doubles each time (with jitter, at most 30 s), `retries` times.
struct LockRetry {
  int retries = 0;
  std::chrono::milliseconds first_pause{1000};
};

struct RunOptions {
  bool single_transaction = false;  // the whole run in one transaction instead of one per revision
  std::function<void(const StepReport&)> on_step;  // called after each revision is done
  // Reads the version table again once a transaction that takes the database's write lock has
  // begun (each revision's, or with single_transaction the run's, so once), so that a revision a
  // concurrent run applied meanwhile is skipped rather than applied twice. Empty for --sql, and
  // where a lock held for the whole run already keeps other runs out (PostgreSQL's advisory lock).
  std::function<std::vector<std::string>()> reread_versions;
  // Session settings (PostgreSQL timeouts), executed first, outside any transaction.
  std::vector<dialect::Statement> session_statements;
  // Names the lock a transaction's BEGIN takes, for the error when it cannot (SQLite).
  std::string lock_description;
  std::string os_user;             // for the history rows of databases without users
  bool measure_durations = true;  // false for --sql: nothing runs, the history row says NULL
  // Render the online forms for tables that existed before their revision (RenderContext::online);
  // ignored with single_transaction, whose point is one transaction.
  bool online = false;
  // A revision an earlier run left half done (read under the lock): the run must start with it,
  // in its direction, and resumes after its statements already done.
  std::optional<Progress> unfinished;
  // Not with single_transaction, whose run fails at the first lock not granted.
  LockRetry lock_retry;
  // The progress row as the database has it now, read before a retry (empty for --sql).
  std::function<std::optional<Progress>()> read_progress;
  // Who holds a lock on a table, for the error after the last retry (empty: unknown).
  std::function<std::vector<dialect::LockHolder>(const ops::TableName&)> lock_holders;
};

class Migrator {
 public:
  Migrator(const dialect::Dialect& dialect, const revision::Graph& graph, const VersionStore& versions,
           const HistoryStore& history)
      : dialect_(dialect),
        graph_(graph),
        versions_(versions),
        history_(history),
        progress_(dialect, progress_table_name(versions.table())) {}

  // The revisions a run would apply/revert, in order, from `current` heads.
  std::vector<const revision::Revision*> plan(Direction direction, const std::vector<std::string>& current,
                                              std::string_view target) const;

  // Carry out `plan` from `current` heads through `sink`. Every revision file of the plan is read
  // before anything runs. On failure the failing revision (or, with single_transaction, the whole
  // run) is rolled back and a dbmig::Error names the revision, the step and the SQL. Returns the
  // heads afterwards.
  std::vector<std::string> run(StatementSink& sink, SchemaTracker& tracker, Direction direction,
                               const std::vector<const revision::Revision*>& plan,
                               std::vector<std::string> current, const RunOptions& options) const;

 private:
  struct RunState;

  bool own_transaction(const RunState& state, const revision::Revision& revision) const;
  static void begin(RunState& state);
  void ensure_tables(RunState& state) const;
  // One revision: its frame, its transaction (unless the run shares one), the re-read of the
  // version table, its steps and its bookkeeping rows.
  void apply_one(RunState& state, const revision::Revision& revision) const;
  // One try at it; returns whether it was skipped (another run did it).
  bool try_one(RunState& state, const revision::Revision& revision, std::chrono::steady_clock::time_point started) const;
  // After a try that failed waiting for a lock: pause, and set the state for the next try; throws
  // the error, with who holds the lock, after the last.
  void prepare_retry(RunState& state, const Error& error, int attempt) const;
  // The error of the last try, with the sessions holding a lock on the tables it failed on.
  Error gave_up_waiting(const RunState& state, const Error& error, int attempts) const;
  // Whether `revision` is still to be done, reading the version table again first where another
  // run may have moved it since this run last looked.
  bool still_pending(RunState& state, const revision::Revision& revision) const;
  // The version-table move and the history row of a revision just carried out.
  void record(RunState& state, const revision::Revision& revision, std::chrono::steady_clock::time_point started) const;
  void run_frame_statements(RunState& state, const revision::Revision& revision,
                            const std::vector<dialect::Statement>& statements) const;
  // The revision's steps. frame: the one it runs in (nullptr: none), for the renderer to know;
  // own: it runs in a transaction of its own, which statements placed outside it split.
  void run_revision(RunState& state, const revision::Revision& revision, const dialect::RevisionFrame* frame,
                    bool own) const;
  // One statement of a revision running in its own transaction, where it is placed (Statement::placement).
  struct StatementRun;
  // Records how far `run` got (creating the progress table the first time).
  void mark(RunState& state, StatementRun& run, std::size_t done, bool started) const;
  // Begins the revision's transaction again if a statement run apart left it closed.
  static void reopen(RunState& state, StatementRun& run);
  void run_statement(RunState& state, StatementRun& run, const dialect::Statement& statement) const;
  // Resuming: the statements before the one about to run are those the earlier run did.
  void check_resumable(const StatementRun& run) const;
  // A run's progress check: an unfinished revision must be the first of the plan.
  static void check_unfinished(const RunOptions& options, Direction direction,
                               const std::vector<const revision::Revision*>& plan);
  // After re-reading the version table: whether `revision` is still to be done from `fresh`
  // heads (false: a concurrent run did it). Throws when the database moved elsewhere.
  bool still_to_do(Direction direction, const revision::Revision& revision, const std::vector<std::string>& fresh) const;

  const dialect::Dialect& dialect_;
  const revision::Graph& graph_;
  const VersionStore& versions_;
  const HistoryStore& history_;
  ProgressStore progress_;
};

}  // namespace dbmig::runtime
