#include "runtime/migrator.hpp"

#include <algorithm>
#include <random>
#include <thread>

#include <spdlog/spdlog.h>

#include "revision/sha256.hpp"
#include "runtime/run_lock.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::runtime {

namespace {

std::string describe_revision(const revision::Revision& revision) {
  std::string text = "revision " + revision.id;
  if (!revision.message.empty()) text += " (" + revision.message + ")";
  return text;
}

std::string heads_text(const std::vector<std::string>& heads) {
  return heads.empty() ? std::string("base") : util::join(heads, ", ");
}

const std::vector<ops::Op>& steps_of(Direction direction, const revision::Revision& revision) {
  return direction == Direction::upgrade ? revision.upgrade : revision.downgrade;
}

// "step 3 (drop_column)", or for steps carried out together "steps 3 (drop_column), 5 (alter_column)".
std::string describe_steps(const std::vector<ops::Op>& steps, const std::vector<std::size_t>& group) {
  std::string text = group.size() == 1 ? "step " : "steps ";
  for (std::size_t i = 0; i < group.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(group[i] + 1) + " (" + ops::kind_name(steps[group[i]]) + ")";
  }
  return text;
}

// Runs `end` (statements after a revision's transaction) on an error path: the error being
// reported matters more than one of these failing too.
template <class End>
void end_quietly(const End& end) {
  try {
    end();
  } catch (...) {
  }
}

// "orders", "shop.orders".
std::string qualified_text(const ops::TableName& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

// The pause before try `attempt` + 1: first_pause doubled each time, at most 30 s, then a random
// half to whole of it, so that runs retrying together do not come back together.
std::chrono::milliseconds retry_pause(const LockRetry& policy, int attempt) {
  constexpr std::chrono::milliseconds longest{30'000};
  auto pause = policy.first_pause;
  for (int i = 1; i < attempt && pause < longest; ++i) pause *= 2;
  pause = std::min(pause, longest);
  thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_real_distribution<double> share(0.5, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(pause.count()) * share(random)));
}

}  // namespace

const char* direction_name(Direction direction) { return direction == Direction::upgrade ? "upgrade" : "downgrade"; }

std::vector<const revision::Revision*> Migrator::plan(Direction direction, const std::vector<std::string>& current,
                                                      std::string_view target) const {
  return direction == Direction::upgrade ? graph_.upgrade_plan(current, target)
                                         : graph_.downgrade_plan(current, target);
}

bool Migrator::still_to_do(Direction direction, const revision::Revision& revision,
                           const std::vector<std::string>& fresh) const {
  const auto applied = graph_.applied(fresh);
  const auto is_applied = [&](const std::string& id) {
    return std::any_of(applied.begin(), applied.end(), [&](const revision::Revision* each) { return each->id == id; });
  };
  if (direction == Direction::upgrade) {
    if (is_applied(revision.id)) return false;
    if (std::all_of(revision.down_revisions.begin(), revision.down_revisions.end(), is_applied)) return true;
  } else {
    if (!is_applied(revision.id)) return false;
    if (std::find(fresh.begin(), fresh.end(), revision.id) != fresh.end()) return true;
  }
  throw database_error("the version table changed while dbmig was running (it is now at " + heads_text(fresh) +
                           "), so " + describe_revision(revision) + " cannot be " +
                           (direction == Direction::upgrade ? "applied" : "reverted") + " as planned",
                       "another run moved the database; run the command again to plan from where it is now");
}

// What a run carries from one revision to the next.
struct Migrator::RunState {
  StatementSink& sink;
  SchemaTracker& tracker;
  Direction direction;
  const RunOptions& options;
  std::vector<std::string> current;  // the heads the database is at, as far as this run knows
  bool tables_ready = false;         // the version and history tables exist (made in the first transaction)
  bool versions_read_in_transaction = false;  // --single-transaction: its lock was taken and the table read
  bool moved = false;                // another run changed the version table during this one
  bool progress_table_ready = false;  // the progress table exists (made by the first split revision)
  std::optional<Progress> unfinished = std::nullopt;  // to resume (RunOptions::unfinished, or after a retry)
  std::vector<ops::TableName> failing_tables = {};  // those of the steps whose statement failed last
};

// Where a revision's statements stand while it runs.
struct Migrator::StatementRun {
  const revision::Revision& revision;
  bool own = false;             // the revision runs in a transaction of its own
  std::size_t index = 0;        // of the next statement, counted over the whole revision
  std::size_t skip = 0;         // statements an earlier run did (resuming)
  bool resume_started = false;  // that run began statement `skip` outside a transaction
  bool split = false;           // statements were committed apart from the rest of the revision
  const Progress* resuming = nullptr;  // the earlier run's progress, when resuming
  std::string done_sql = {};    // the SQL of the statements done so far, one per line
  bool row_written = false;     // the progress row exists: later marks update it
  bool transaction_open = true;  // the revision's transaction is open (begun before its first statement)
};

void Migrator::mark(RunState& state, StatementRun& run, std::size_t done, bool started) const {
  if (!state.progress_table_ready) {
    progress_.ensure_table(state.sink);
    state.progress_table_ready = true;
  }
  // The digest of the statements done: a resumed run checks that its first statements are these,
  // so the file may be corrected after the stop (the failing step, the steps after it), not before.
  const Progress progress{run.revision.id, direction_name(state.direction), revision::sha256_hex(run.done_sql), done,
                          started};
  if (run.row_written) return progress_.update(state.sink, progress);
  progress_.write(state.sink, progress);  // the first write of the run is in the revision's transaction
  run.row_written = true;
}

void Migrator::reopen(RunState& state, StatementRun& run) {
  if (run.transaction_open) return;
  begin(state);
  run.transaction_open = true;
}

void Migrator::run_statement(RunState& state, StatementRun& run, const dialect::Statement& statement) const {
  const std::size_t index = run.index++;
  const auto done = [&run, &statement] { run.done_sql += statement.sql + "\n"; };
  if (index < run.skip) return done();  // an earlier run did it and committed it
  if (statement.placement == dialect::Placement::in_transaction || !run.own) {
    reopen(state, run);
    state.sink.execute(statement);
    return done();
  }
  if (run.transaction_open) {
    // Leave the revision's transaction: what came before is committed, with how far it got.
    mark(state, run, index, false);
    state.sink.commit();
    run.transaction_open = false;
  }
  run.split = true;
  if (statement.placement == dialect::Placement::own_transaction) {
    begin(state);
    state.sink.execute(statement);
    done();
    mark(state, run, index + 1, false);
    state.sink.commit();
  } else {
    mark(state, run, index, true);  // autocommit: a run killed during the statement leaves "started"
    if (index == run.skip && run.resume_started && statement.resume) {
      // An earlier run began it: clear what it may have left half done, then its idempotent form.
      const dialect::Resume& resume = *statement.resume;
      if (resume.cleanup_if && state.sink.returns_rows(*resume.cleanup_if)) {
        spdlog::info("cleaning up after an interrupted run: {}", resume.cleanup);
        state.sink.execute(dialect::Statement{resume.cleanup, {}});
      }
      state.sink.execute(dialect::Statement{resume.sql, statement.params});
    } else {
      state.sink.execute(statement);
    }
    done();
    mark(state, run, index + 1, false);
  }
  // The revision's transaction is begun again (reopen) when a statement needs it, or to record the
  // revision: statements that run apart one after another (all of MySQL's) need none between them.
}

void Migrator::run_revision(RunState& state, const revision::Revision& revision, const dialect::RevisionFrame* frame,
                            bool own) const {
  const auto& steps = steps_of(state.direction, revision);
  StatementRun run{revision, own};
  if (const auto& unfinished = state.unfinished; unfinished && unfinished->revision == revision.id) {
    run.resuming = &*unfinished;
    run.skip = unfinished->done;
    run.resume_started = unfinished->started;
    run.split = true;
    run.row_written = true;
    spdlog::info("resuming {} after its first {} statement(s), done by an earlier run", revision.id, run.skip);
  }
  const bool online = state.options.online && !state.options.single_transaction;
  std::vector<ops::TableName> new_tables;  // created by this revision: empty, plain DDL is right for them
  for (const std::vector<std::size_t>& group : dialect_.step_groups(steps)) {
    std::vector<const ops::Op*> grouped;
    for (const std::size_t index : group) grouped.push_back(&steps[index]);
    const std::string where = describe_revision(revision) + ", " + direction_name(state.direction) + " " +
                              describe_steps(steps, group);
    std::vector<dialect::Statement> statements;
    try {
      // The schema only if the renderer asks: after a raw SQL step, knowing it means introspecting
      // the database again, which would make a chain of raw SQL revisions quadratic.
      SchemaTracker& tracker = state.tracker;
      const auto schema_before = dialect::SchemaBefore::read_on_demand([&tracker] { return tracker.current(); });
      const dialect::RenderContext context{schema_before, frame, online, &new_tables};
      statements = grouped.size() == 1 ? dialect_.render(*grouped.front(), context)
                                       : dialect_.render_group(grouped, context);
    } catch (const Error& error) {
      throw error.retold(where + ": " + error.message(), error.hint());
    }
    const std::size_t first = run.index;
    for (const auto& statement : statements) {
      if (run.resuming && run.index == run.skip) check_resumable(run);  // outside the try: no resume hint
      try {
        run_statement(state, run, statement);
      } catch (const Error& error) {
        std::string hint = error.hint();
        if (run.split)
          hint = "the first " + std::to_string(run.index - 1) + " statement(s) of this revision are committed (" +
                 progress_.table() +
                 " says how far it got); fix the cause and run the same command again: it resumes at this "
                 "statement (or finish the revision by hand and `dbmig stamp` it)" +
                 (hint.empty() ? "" : "; " + hint);
        state.failing_tables.clear();
        for (const ops::Op* op : grouped)
          if (auto table = ops::table_of(*op)) state.failing_tables.push_back(std::move(*table));
        throw error.retold(where + " failed: " + error.message(), hint);
      }
    }
    for (const ops::Op* op : grouped) {
      // Steps an earlier run carried out are in the database, not in what the tracker knows.
      if (first < run.skip)
        state.tracker.forget();
      else
        state.tracker.advance(*op);
      if (const auto* created = std::get_if<ops::CreateTable>(op))
        new_tables.push_back(ops::TableName{created->table.name, created->table.schema});
    }
  }
  if (run.resuming && run.index < run.skip) check_resumable(run);  // fewer statements than were done
  if (own) reopen(state, run);  // for the bookkeeping rows, which commit with the revision
  if (run.split) progress_.clear(state.sink);  // in the transaction that records the revision
}

void Migrator::check_resumable(const StatementRun& run) const {
  if (run.index == run.skip && revision::sha256_hex(run.done_sql) == run.resuming->checksum) return;
  throw database_error(describe_revision(run.revision) + " was left half done by an earlier run (its first " +
                           std::to_string(run.skip) +
                           " statement(s) are committed), and those statements read differently now: its file was "
                           "edited before where it stopped, or this run writes other forms (--no-online, "
                           "--single-transaction, online: false)",
                       "run it as before (restore its steps up to where it stopped, same options) to let dbmig finish "
                       "it; or finish it by hand, then `dbmig stamp` the revision (which clears " + progress_.table() +
                           ")");
}

void Migrator::check_unfinished(const RunOptions& options, Direction direction,
                                const std::vector<const revision::Revision*>& plan) {
  const auto& unfinished = options.unfinished;
  if (!unfinished) return;
  if (!plan.empty() && plan.front()->id == unfinished->revision && unfinished->direction == direction_name(direction))
    return;
  throw database_error("revision " + unfinished->revision + " was left half done by an earlier " +
                           unfinished->direction + " (its first " + std::to_string(unfinished->done) +
                           " statement(s) are committed); this run does not start with it",
                       "finish it first with `dbmig " + unfinished->direction + " " + unfinished->revision +
                           "` (it resumes where it stopped), then run this command again");
}


bool Migrator::own_transaction(const RunState& state, const revision::Revision& revision) const {
  // Where DDL commits implicitly, `transactional: false` changes nothing: every statement is
  // committed apart anyway, and the revision's progress must be recorded as it goes.
  return !state.options.single_transaction && (revision.transactional || !dialect_.transactional_ddl());
}

// BEGIN is where a SQLite run waits for another one's write lock.
void Migrator::begin(RunState& state) {
  begin_transaction(state.sink, state.options.lock_description.empty() ? "the database's write lock"
                                                                         : state.options.lock_description);
}

// The bookkeeping tables are created inside the first transaction, so a run that fails at once
// leaves the database exactly as it was.
void Migrator::ensure_tables(RunState& state) const {
  if (state.tables_ready) return;
  versions_.ensure_table(state.sink);
  history_.ensure_table(state.sink);
  state.tables_ready = true;
}

bool Migrator::still_pending(RunState& state, const revision::Revision& revision) const {
  // With --single-transaction its BEGIN took the lock before the first revision and nothing can
  // move the version table until its COMMIT: one read is enough. Otherwise each revision's
  // transaction reads it again.
  if (state.options.reread_versions && !state.versions_read_in_transaction) {
    if (auto fresh = state.options.reread_versions(); fresh != state.current) {
      spdlog::info("the version table moved from {} to {} (another run)", heads_text(state.current), heads_text(fresh));
      state.current = std::move(fresh);
      state.moved = true;
    }
    state.versions_read_in_transaction = state.options.single_transaction;
  }
  // Once another run has moved the database, every later revision of the plan may be done
  // already: each is checked against the heads as they are now, not only the first one.
  return !state.moved || still_to_do(state.direction, revision, state.current);
}

void Migrator::record(RunState& state, const revision::Revision& revision,
                      std::chrono::steady_clock::time_point started) const {
  auto after = state.direction == Direction::upgrade ? revision::Graph::heads_after_upgrade(state.current, revision)
                                                     : graph_.heads_after_downgrade(state.current, revision);
  std::optional<std::int64_t> duration_ms;
  if (state.options.measure_durations)
    duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  // The version move and the history row, as few statements as the dialect can make them.
  for (const auto& statement : dialect_.record_revision(
           versions_.table(), history_.table(), state.current, after,
           dialect::HistoryEntry{revision.id, direction_name(state.direction), graph_.checksum(revision), duration_ms,
                                 state.options.os_user}))
    state.sink.execute(statement);
  state.current = std::move(after);
}

void Migrator::run_frame_statements(RunState& state, const revision::Revision& revision,
                                    const std::vector<dialect::Statement>& statements) const {
  for (const auto& statement : statements) {
    try {
      state.sink.execute(statement);
    } catch (const Error& error) {
      throw error.retold(describe_revision(revision) + ", " + direction_name(state.direction) + ": " + error.message(),
                         error.hint());
    }
  }
}

bool Migrator::try_one(RunState& state, const revision::Revision& revision,
                       std::chrono::steady_clock::time_point started) const {
  state.failing_tables.clear();
  const bool own = own_transaction(state, revision);
  // Only a revision in a transaction of its own can have statements run around it.
  const std::optional<dialect::RevisionFrame> frame =
      own ? std::optional(dialect_.revision_frame(steps_of(state.direction, revision))) : std::nullopt;
  const dialect::RevisionFrame no_frame;
  const dialect::RevisionFrame& around = frame ? *frame : no_frame;
  for (const auto& statement : around.before_begin) state.sink.execute(statement);
  const auto end_frame = [&] {
    for (const auto& statement : around.after_end) state.sink.execute(statement);
  };
  bool skipped = false;
  try {
    if (own) begin(state);
    try {
      ensure_tables(state);
      skipped = !still_pending(state, revision);
      if (!skipped) {
        run_revision(state, revision, frame ? &*frame : nullptr, own);
        record(state, revision, started);
      }
      run_frame_statements(state, revision, around.before_commit);
      if (own) state.sink.commit();
    } catch (...) {
      if (own) state.sink.rollback();
      throw;
    }
  } catch (...) {
    end_quietly(end_frame);
    throw;
  }
  end_frame();
  return skipped;
}

void Migrator::prepare_retry(RunState& state, const Error& error, int attempt) const {
  const LockRetry& policy = state.options.lock_retry;
  if (attempt > policy.retries) throw gave_up_waiting(state, error, attempt);
  const auto pause = retry_pause(policy, attempt);
  spdlog::warn("{} (try {} of {}); trying again in {:.1f} s", error.message(), attempt, policy.retries + 1,
               static_cast<double>(pause.count()) / 1000.0);
  std::this_thread::sleep_for(pause);
  // What the failed try did in its transaction was rolled back: the bookkeeping tables may not
  // exist, the schema is what the database says, and statements committed apart (online forms,
  // MySQL's DDL) are in the progress row, from which the next try resumes.
  state.tables_ready = false;
  state.progress_table_ready = false;
  state.tracker.forget();
  if (state.options.read_progress) state.unfinished = state.options.read_progress();
}

Error Migrator::gave_up_waiting(const RunState& state, const Error& error, int attempts) const {
  std::string holders;
  for (const ops::TableName& table : state.failing_tables) {
    std::vector<dialect::LockHolder> found;
    try {
      if (state.options.lock_holders) found = state.options.lock_holders(table);
    } catch (const Error&) {
      // The error at hand matters more than who holds the lock.
    }
    for (const auto& holder : found)
      holders += "; on table " + qualified_text(table) + ": " + holder.description +
                 (holder.how_to_end.empty() ? "" : " (end it with " + holder.how_to_end + ")");
  }
  std::string message = error.message() + "; the lock was not granted in " + std::to_string(attempts) + " tr" +
                        (attempts == 1 ? "y" : "ies");
  return error.retold(std::move(message) + holders,
                      "the application's queries must not queue behind a migration: run it when the lock holder is "
                      "done, or with a longer --lock-timeout-sql / more --lock-retries" +
                          (error.hint().empty() ? std::string() : "; " + error.hint()));
}

void Migrator::apply_one(RunState& state, const revision::Revision& revision) const {
  const auto started = std::chrono::steady_clock::now();
  state.sink.comment(std::string(state.direction == Direction::upgrade ? "Running upgrade " : "Running downgrade ") +
                     describe_revision(revision));
  bool skipped = false;
  for (int attempt = 1;; ++attempt) {
    try {
      skipped = try_one(state, revision, started);
      break;
    } catch (const Error& error) {
      // Only a revision in a transaction of its own can be tried again: it is rolled back, or its
      // progress row says which statements are committed. A run in one transaction cannot redo one
      // revision, and a `transactional: false` revision's statements are committed one by one
      // with no record: trying again would run its first statements twice.
      if (error.cause() != ErrorCause::lock_not_granted || !own_transaction(state, revision)) throw;
      prepare_retry(state, error, attempt);
    }
  }
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  spdlog::debug("{} {} {} in {} us", direction_name(state.direction), revision.id, skipped ? "skipped" : "done",
                took.count());
  if (state.options.on_step) state.options.on_step(StepReport{&revision, state.direction, took, skipped});
}

std::vector<std::string> Migrator::run(StatementSink& sink, SchemaTracker& tracker, Direction direction,
                                       const std::vector<const revision::Revision*>& plan,
                                       std::vector<std::string> current, const RunOptions& options) const {
  graph_.load_steps(plan);  // a file that does not parse stops the run before anything is applied
  if (options.single_transaction && !dialect_.transactional_ddl() && !plan.empty())
    throw usage_error("--single-transaction cannot hold a run on " + std::string(dialect_.name()) +
                          ": its DDL statements commit implicitly, so no transaction can undo a revision",
                      std::nullopt,
                      "run without --single-transaction: each revision's progress is recorded statement by "
                      "statement, and a failed run resumes where it stopped");
  if (options.single_transaction) {
    for (const auto* revision : plan)
      if (!revision->transactional)
        throw usage_error(describe_revision(*revision) + " is marked transactional: false and cannot run inside "
                          "--single-transaction",
                          std::nullopt, "run it without --single-transaction");
  }
  check_unfinished(options, direction, plan);
  RunState state{sink, tracker, direction, options, std::move(current)};
  state.unfinished = options.unfinished;
  for (const auto& statement : options.session_statements) sink.execute(statement);
  if (options.single_transaction) begin(state);
  try {
    for (const auto* revision : plan) apply_one(state, *revision);
    if (options.single_transaction) sink.commit();
  } catch (...) {
    if (options.single_transaction) sink.rollback();
    throw;
  }
  return std::move(state.current);
}

}  // namespace dbmig::runtime
