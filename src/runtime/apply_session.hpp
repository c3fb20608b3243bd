#pragma once
// One `upgrade` or `downgrade` against a live database, start to end: take the run lock, read the
// heads and the changed revision files under it, let the caller vet them, plan, run the
// migrator, report each revision. The command (cli/cmd_upgrade.cpp) only turns flags into an
// ApplyRequest and the outcome into text or JSON.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "revision/graph.hpp"
#include "runtime/changed_revisions.hpp"
#include "runtime/history_store.hpp"
#include "runtime/migrator.hpp"
#include "runtime/version_store.hpp"

namespace dbmig::runtime {

// The database a session works on, and the project's view of it.
struct ApplyTarget {
  const dialect::Dialect& dialect;
  dialect::Connection& connection;
  const revision::Graph& graph;
  const VersionStore& versions;
  const HistoryStore& history;
  // The version table's heads, each checked to be a revision of the graph.
  std::function<std::vector<std::string>()> read_heads;
  // The live schema (for the renderers that restate tables), read only if one asks.
  std::function<schema::Schema()> introspect;
};

struct ApplyRequest {
  Direction direction = Direction::upgrade;
  std::string target;
  bool single_transaction = false;
  std::chrono::milliseconds lock_wait{0};  // how long to wait for another run's lock
  std::vector<dialect::Statement> session_statements;
  std::string os_user;
  bool online = true;  // RunOptions::online
  LockRetry lock_retry;  // RunOptions::lock_retry
  // Called once the heads and the changed files are read under the lock, before anything is
  // planned or runs; throws to refuse (upgrade refuses revisions edited after they were applied).
  std::function<void(const std::vector<std::string>& current, const std::vector<ChangedRevision>& changed)> vet;
  std::function<void(const StepReport&)> on_step;  // after each revision
};

struct ApplyOutcome {
  std::vector<std::string> before;  // the heads when the lock was taken
  std::vector<std::string> after;
  std::vector<ChangedRevision> changed;
  bool nothing_to_do = false;  // the plan was empty
};

// Runs the request; a dbmig::Error names the revision, the step and the SQL (see Migrator::run).
ApplyOutcome apply_under_lock(const ApplyTarget& target, const ApplyRequest& request);

// The revisions a database at `current` applied whose files changed since (none when it is at
// base or has no history table yet).
std::vector<ChangedRevision> changed_since_applied(const ApplyTarget& target, const std::vector<std::string>& current);

}  // namespace dbmig::runtime
