#pragma once
// Applies revisions: plans the walk on the graph, renders each op with the dialect, runs each
// revision with its version-table update in one transaction (or all in one), or writes the SQL.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dialect/dialect.hpp"
#include "revision/graph.hpp"
#include "runtime/schema_tracker.hpp"
#include "runtime/statement_sink.hpp"
#include "runtime/version_store.hpp"

namespace dbmig::runtime {

enum class Direction { upgrade, downgrade };

struct StepReport {
  const revision::Revision* revision = nullptr;
  Direction direction = Direction::upgrade;
  std::chrono::microseconds took{0};
};

struct RunOptions {
  bool single_transaction = false;  // the whole run in one transaction instead of one per revision
  std::function<void(const StepReport&)> on_step;  // called after each revision is done
};

class Migrator {
 public:
  Migrator(const dialect::Dialect& dialect, const revision::Graph& graph, const VersionStore& versions)
      : dialect_(dialect), graph_(graph), versions_(versions) {}

  // The revisions a run would apply/revert, in order, from `current` heads.
  std::vector<const revision::Revision*> plan(Direction direction, const std::vector<std::string>& current,
                                              std::string_view target) const;

  // Carry out `plan` from `current` heads through `sink`. On failure the failing revision (or, with
  // single_transaction, the whole run) is rolled back and a dbmig::Error names the revision, the
  // step and the SQL. Returns the heads afterwards.
  std::vector<std::string> run(StatementSink& sink, SchemaTracker& tracker, Direction direction,
                               const std::vector<const revision::Revision*>& plan,
                               std::vector<std::string> current, const RunOptions& options) const;

 private:
  void run_revision(StatementSink& sink, SchemaTracker& tracker, Direction direction,
                    const revision::Revision& revision) const;

  const dialect::Dialect& dialect_;
  const revision::Graph& graph_;
  const VersionStore& versions_;
};

}  // namespace dbmig::runtime
