#include "runtime/apply_session.hpp"

#include <optional>

#include "runtime/progress_store.hpp"
#include "runtime/run_lock.hpp"
#include "runtime/schema_tracker.hpp"
#include "runtime/statement_sink.hpp"

namespace dbmig::runtime {

std::vector<ChangedRevision> changed_since_applied(const ApplyTarget& target, const std::vector<std::string>& current) {
  if (current.empty()) return {};
  return changed_revisions(target.graph, current, target.history.read(target.connection));
}

ApplyOutcome apply_under_lock(const ApplyTarget& target, const ApplyRequest& request) {
  const HeldRunLock lock(target.dialect, target.connection, target.versions.table(), request.lock_wait);
  const std::string lock_name = lock.description() + " within " + describe_wait(request.lock_wait);
  ConnectionSink sink(target.connection, &target.dialect);

  // Read under the lock (in a transaction: on SQLite that is what takes it), so that what another
  // run applied before we got it is not planned again.
  ApplyOutcome outcome;
  const ProgressStore progress(target.dialect, progress_table_name(target.versions.table()));
  std::optional<Progress> unfinished;
  begin_transaction(sink, lock_name);
  try {
    outcome.before = target.read_heads();
    outcome.changed = changed_since_applied(target, outcome.before);
    unfinished = progress.read(target.connection);
    sink.commit();
  } catch (...) {
    sink.rollback();
    throw;
  }
  const Migrator migrator(target.dialect, target.graph, target.versions, target.history);
  const auto plan = migrator.plan(request.direction, outcome.before, request.target);
  if (request.vet) request.vet(outcome.before, outcome.changed);
  outcome.after = outcome.before;
  outcome.nothing_to_do = plan.empty();
  if (plan.empty() && !unfinished) return outcome;

  RunOptions options;
  options.single_transaction = request.single_transaction;
  options.on_step = request.on_step;
  // Where the lock is each revision's write transaction (SQLite), another run may apply
  // something between two of ours: each transaction reads the version table again.
  if (!lock.held_for_run())
    options.reread_versions = [&target] { return target.versions.read(target.connection); };
  options.session_statements = request.session_statements;
  options.lock_description = lock_name;
  options.os_user = request.os_user;
  options.online = request.online;
  options.unfinished = std::move(unfinished);
  options.lock_retry = request.lock_retry;
  options.read_progress = [&target, &progress] { return progress.read(target.connection); };
  options.lock_holders = [&target](const ops::TableName& table) {
    return target.dialect.table_lock_holders(target.connection, table);
  };
  SchemaTracker tracker(std::nullopt, target.introspect);
  outcome.after = migrator.run(sink, tracker, request.direction, plan, outcome.before, options);
  return outcome;
}

}  // namespace dbmig::runtime
