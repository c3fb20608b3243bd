#include "runtime/migrator.hpp"

#include <spdlog/spdlog.h>

#include "util/error.hpp"

namespace dbmig::runtime {

namespace {

const char* direction_name(Direction direction) {
  return direction == Direction::upgrade ? "upgrade" : "downgrade";
}

std::string describe_revision(const revision::Revision& revision) {
  std::string text = "revision " + revision.id;
  if (!revision.message.empty()) text += " (" + revision.message + ")";
  return text;
}

}  // namespace

std::vector<const revision::Revision*> Migrator::plan(Direction direction, const std::vector<std::string>& current,
                                                      std::string_view target) const {
  return direction == Direction::upgrade ? graph_.upgrade_plan(current, target)
                                         : graph_.downgrade_plan(current, target);
}

void Migrator::run_revision(StatementSink& sink, SchemaTracker& tracker, Direction direction,
                            const revision::Revision& revision) const {
  const auto& steps = direction == Direction::upgrade ? revision.upgrade : revision.downgrade;
  for (std::size_t index = 0; index < steps.size(); ++index) {
    const ops::Op& op = steps[index];
    const std::string where = describe_revision(revision) + ", " + direction_name(direction) + " step " +
                              std::to_string(index + 1) + " (" + ops::kind_name(op) + ")";
    std::vector<dialect::Statement> statements;
    try {
      statements = dialect_.render(op, dialect::RenderContext{tracker.current()});
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

std::vector<std::string> Migrator::run(StatementSink& sink, SchemaTracker& tracker, Direction direction,
                                       const std::vector<const revision::Revision*>& plan,
                                       std::vector<std::string> current, const RunOptions& options) const {
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

  // The version table is created inside the first transaction, so a run that fails at once
  // leaves the database exactly as it was.
  bool version_table_ready = false;
  const auto ensure_version_table = [&] {
    if (!version_table_ready) versions_.ensure_table(sink);
    version_table_ready = true;
  };

  if (options.single_transaction) sink.begin();
  try {
    for (const auto* revision : plan) {
      const auto started = std::chrono::steady_clock::now();
      sink.comment(std::string(direction == Direction::upgrade ? "Running upgrade " : "Running downgrade ") +
                   describe_revision(*revision));
      if (own_transaction(*revision)) sink.begin();
      try {
        ensure_version_table();
        run_revision(sink, tracker, direction, *revision);
        auto after = direction == Direction::upgrade ? revision::Graph::heads_after_upgrade(current, *revision)
                                                     : graph_.heads_after_downgrade(current, *revision);
        versions_.record(sink, current, after);
        if (own_transaction(*revision)) sink.commit();
        current = std::move(after);
      } catch (...) {
        if (own_transaction(*revision)) sink.rollback();
        throw;
      }
      const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
      spdlog::debug("{} {} done in {} us", direction_name(direction), revision->id, took.count());
      if (options.on_step) options.on_step(StepReport{revision, direction, took});
    }
    if (options.single_transaction) sink.commit();
  } catch (...) {
    if (options.single_transaction) sink.rollback();
    throw;
  }
  return current;
}

}  // namespace dbmig::runtime
