#include "runtime/migrator.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

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

// Runs `end` (statements after a revision's transaction) on an error path: the error being
// reported matters more than one of these failing too.
template <class End>
void end_quietly(const End& end) {
  try {
    end();
  } catch (...) {
  }
}

}  // namespace

const char* direction_name(Direction direction) { return direction == Direction::upgrade ? "upgrade" : "downgrade"; }

std::vector<const revision::Revision*> Migrator::plan(Direction direction, const std::vector<std::string>& current,
                                                      std::string_view target) const {
  return direction == Direction::upgrade ? graph_.upgrade_plan(current, target)
                                         : graph_.downgrade_plan(current, target);
}

void Migrator::run_revision(StatementSink& sink, SchemaTracker& tracker, Direction direction,
                            const revision::Revision& revision, bool foreign_keys_off) const {
  const auto& steps = steps_of(direction, revision);
  for (std::size_t index = 0; index < steps.size(); ++index) {
    const ops::Op& op = steps[index];
    const std::string where = describe_revision(revision) + ", " + direction_name(direction) + " step " +
                              std::to_string(index + 1) + " (" + ops::kind_name(op) + ")";
    std::vector<dialect::Statement> statements;
    try {
      // The schema only if the renderer asks: after a raw SQL step, knowing it means introspecting
      // the database again, which would make a chain of raw SQL revisions quadratic.
      const auto schema_before = dialect::SchemaBefore::read_on_demand([&tracker] { return tracker.current(); });
      statements = dialect_.render(op, dialect::RenderContext{schema_before, foreign_keys_off});
    } catch (const Error& error) {
      throw Error(error.code(), where + ": " + error.message(), error.where(), error.hint());
    }
    for (const auto& statement : statements) {
      try {
        sink.execute(statement);
      } catch (const Error& error) {
        throw Error(error.code(), where + " failed: " + error.message(), error.where(), error.hint());
      }
    }
    tracker.advance(op);
  }
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

std::vector<std::string> Migrator::run(StatementSink& sink, SchemaTracker& tracker, Direction direction,
                                       const std::vector<const revision::Revision*>& plan,
                                       std::vector<std::string> current, const RunOptions& options) const {
  graph_.load_steps(plan);  // a file that does not parse stops the run before anything is applied
  if (options.single_transaction) {
    for (const auto* revision : plan)
      if (!revision->transactional)
        throw usage_error(describe_revision(*revision) + " is marked transactional: false and cannot run inside "
                          "--single-transaction",
                          std::nullopt, "run it without --single-transaction");
  }

  // A revision's own transaction, unless the whole run shares one or the revision opts out.
  const auto own_transaction = [&](const revision::Revision& revision) {
    return !options.single_transaction && revision.transactional;
  };
  // BEGIN is where a SQLite run waits for another one's write lock.
  const auto begin = [&] {
    begin_transaction(sink, options.lock_description.empty() ? "the database's write lock" : options.lock_description);
  };

  // The bookkeeping tables are created inside the first transaction, so a run that fails at once
  // leaves the database exactly as it was.
  bool tables_ready = false;
  const auto ensure_tables = [&] {
    if (tables_ready) return;
    versions_.ensure_table(sink);
    history_.ensure_table(sink);
    tables_ready = true;
  };

  bool moved = false;  // another run changed the version table during this one
  for (const auto& statement : options.session_statements) sink.execute(statement);
  if (options.single_transaction) begin();
  try {
    for (const auto* revision : plan) {
      const auto started = std::chrono::steady_clock::now();
      sink.comment(std::string(direction == Direction::upgrade ? "Running upgrade " : "Running downgrade ") +
                   describe_revision(*revision));
      // Only a revision in a transaction of its own can have statements run around it.
      const dialect::RevisionFrame frame =
          own_transaction(*revision) ? dialect_.revision_frame(steps_of(direction, *revision)) : dialect::RevisionFrame{};
      for (const auto& statement : frame.before_begin) sink.execute(statement);
      const auto end_frame = [&] {
        for (const auto& statement : frame.after_end) sink.execute(statement);
      };
      if (own_transaction(*revision)) {
        try {
          begin();
        } catch (...) {
          end_quietly(end_frame);
          throw;
        }
      }
      bool skipped = false;
      try {
        ensure_tables();
        // With single_transaction, its BEGIN took the lock before the first revision, and nothing
        // can move the version table until its COMMIT: reading it once is enough.
        const bool may_have_moved = !options.single_transaction || revision == plan.front();
        if (options.reread_versions && may_have_moved) {
          if (auto fresh = options.reread_versions(); fresh != current) {
            spdlog::info("the version table moved from {} to {} (another run)", heads_text(current), heads_text(fresh));
            current = std::move(fresh);
            moved = true;
          }
          // Once another run has moved the database, the rest of the plan may be done already.
          if (moved) skipped = !still_to_do(direction, *revision, current);
        }
        if (!skipped) {
          run_revision(sink, tracker, direction, *revision, frame.foreign_keys_off);
          auto after = direction == Direction::upgrade ? revision::Graph::heads_after_upgrade(current, *revision)
                                                       : graph_.heads_after_downgrade(current, *revision);
          std::optional<std::int64_t> duration_ms;
          if (options.measure_durations)
            duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                              .count();
          // The version move and the history row, as few statements as the dialect can make them.
          for (const auto& statement : dialect_.record_revision(
                   versions_.table(), history_.table(), current, after,
                   dialect::HistoryEntry{revision->id, direction_name(direction), graph_.checksum(*revision),
                                         duration_ms, options.os_user}))
            sink.execute(statement);
          current = std::move(after);
        }
        for (const auto& statement : frame.before_commit) {
          try {
            sink.execute(statement);
          } catch (const Error& error) {
            throw Error(error.code(), describe_revision(*revision) + ", " + direction_name(direction) + ": " +
                                          error.message(), error.where(), error.hint());
          }
        }
        if (own_transaction(*revision)) sink.commit();
      } catch (...) {
        if (own_transaction(*revision)) sink.rollback();
        end_quietly(end_frame);
        throw;
      }
      end_frame();
      const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
      spdlog::debug("{} {} {} in {} us", direction_name(direction), revision->id, skipped ? "skipped" : "done",
                    took.count());
      if (options.on_step) options.on_step(StepReport{revision, direction, took, skipped});
    }
    if (options.single_transaction) sink.commit();
  } catch (...) {
    if (options.single_transaction) sink.rollback();
    throw;
  }
  return current;
}

}  // namespace dbmig::runtime
