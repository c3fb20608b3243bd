#include "runtime/stairway.hpp"

#include <algorithm>
#include <variant>

#include "runtime/autogenerate.hpp"
#include "runtime/progress_store.hpp"
#include "runtime/run_lock.hpp"
#include "runtime/schema_tracker.hpp"
#include "runtime/statement_sink.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::runtime {

const char* status_name(StairwayStatus status) {
  switch (status) {
    case StairwayStatus::pass: return "pass";
    case StairwayStatus::fail: return "fail";
    case StairwayStatus::no_downgrade: return "no-downgrade";
    case StairwayStatus::applied: return "applied";
    case StairwayStatus::not_reached: return "not-reached";
  }
  return "fail";
}

bool StairwayOutcome::failed() const {
  return std::any_of(results.begin(), results.end(),
                     [](const StairwayResult& result) { return result.status == StairwayStatus::fail; });
}

namespace {

std::string table_label(const schema::Table& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

// The scratch database must start at base with nothing half done; and, unless forced, empty
// apart from dbmig's own tables: verify creates and drops tables, which must not be anyone's.
void refuse_unless_scratch(const ApplyTarget& target, const ProgressStore& progress, bool force) {
  const std::string fresh = "give an empty database (create a new one, or drop and re-create this one)";
  if (const auto unfinished = progress.read(target.connection))
    throw usage_error("the scratch database has revision " + unfinished->revision + " half done by an earlier " +
                          unfinished->direction + " (" + progress.table() + ")",
                      std::nullopt, fresh);
  if (const auto heads = target.versions.read(target.connection); !heads.empty())
    throw usage_error("the scratch database is at revision " + util::join(heads, ", ") +
                          ": verify starts from an empty database, at base",
                      std::nullopt, fresh + ", or take it down with `dbmig --url URL downgrade base`");
  if (force) return;
  const schema::Schema live = target.introspect();
  if (live.tables.empty() && live.enums.empty()) return;
  std::vector<std::string> names;
  for (const auto& table : live.tables) {
    if (names.size() == 5) {
      names.push_back("...");
      break;
    }
    names.push_back(table_label(table));
  }
  const std::string what = live.tables.empty() ? std::to_string(live.enums.size()) + " enum type(s)"
                                               : std::to_string(live.tables.size()) + " table(s) (" +
                                                     util::join(names, ", ") + ")";
  throw usage_error("the scratch database is not empty: it has " + what +
                        " that are not dbmig's own; verify creates and drops tables there",
                    std::nullopt, fresh + ", or pass --force to run on it anyway");
}

// The first `fail` step of a revision's downgrade (autogenerate writes one for raw SQL).
const ops::Fail* fail_step(const revision::Revision& revision) {
  for (const auto& op : revision.downgrade)
    if (const auto* fail = std::get_if<ops::Fail>(&op)) return fail;
  return nullptr;
}

class Stairway {
 public:
  Stairway(const ApplyTarget& target, const StairwayRequest& request)
      : target_(target),
        request_(request),
        progress_(target.dialect, progress_table_name(target.versions.table())),
        migrator_(target.dialect, target.graph, target.versions, target.history),
        sink_(target.connection, &target.dialect) {}

  StairwayOutcome run() {
    const HeldRunLock lock(target_.dialect, target_.connection, target_.versions.table(), request_.lock_wait);
    options_.session_statements = request_.session_statements;
    options_.lock_description = lock.description() + " within " + describe_wait(request_.lock_wait);
    options_.os_user = request_.os_user;
    options_.online = request_.online;
    if (!lock.held_for_run())
      options_.reread_versions = [this] { return target_.versions.read(target_.connection); };
    refuse_unless_scratch(target_, progress_, request_.force);
    target_.graph.load_steps(request_.plan);  // a file that does not parse stops verify before anything runs

    schema::Schema before = target_.introspect();
    outcome_.at_start = before;
    for (const auto* revision : request_.plan) {
      StairwayResult result;
      result.revision = revision;
      if (outcome_.stopped.empty()) {
        const bool tested = !request_.tested || request_.tested(*revision);
        if (tested)
          step(result, before);
        else
          apply_below_range(result, before);
      }
      if (request_.on_result) request_.on_result(result);
      outcome_.results.push_back(std::move(result));
    }
    outcome_.heads = current_;
    return std::move(outcome_);
  }

 private:
  // Upgrades or downgrades one revision; the error's message when it fails. A failure that left
  // statements committed (progress recorded) makes the database dirty and stops the stairway.
  std::optional<std::string> attempt(runtime::Direction direction, const revision::Revision& revision) {
    SchemaTracker tracker(std::nullopt, target_.introspect);
    try {
      current_ = migrator_.run(sink_, tracker, direction, {&revision}, current_, options_);
      return std::nullopt;
    } catch (const Error& error) {
      std::string message = error.message();
      if (const auto left = progress_.read(target_.connection)) {
        outcome_.dirty = true;
        const std::string why = std::string(target_.dialect.name()) +
                                (target_.dialect.transactional_ddl() ? " ran them outside the revision's transaction"
                                                                     : " commits DDL as it runs");
        message += left->done == 0
                       ? "; " + progress_.table() + " records this " + left->direction + " as begun (" + why +
                             ", so dbmig records each statement)"
                       : "; the first " + std::to_string(left->done) + " statement(s) of this " + left->direction +
                             " stay committed (" + why + "; " + progress_.table() + " records them)";
        message += ", so the scratch database is left dirty";
        stop("revision " + revision.id + "'s " + direction_name(direction) +
             " left the scratch database half changed; re-create it before the next run");
      }
      return message;
    }
  }

  void stop(std::string why) {
    if (outcome_.stopped.empty()) outcome_.stopped = std::move(why);
  }

  // What would turn `found` into `expected`; empty when they are the same schema.
  std::vector<ops::Op> differences(const schema::Schema& expected, const schema::Schema& found) const {
    return autogenerate(target_.dialect, expected, found,
                        AutogenerateOptions{.allow_empty_models = true, .naming = request_.naming})
        .upgrade;
  }

  void apply_below_range(StairwayResult& result, schema::Schema& before) {
    result.status = StairwayStatus::applied;
    if (const auto error = attempt(Direction::upgrade, *result.revision)) {
      result.status = StairwayStatus::fail;
      result.problems.push_back({"upgrade", *error, {}});
      stop("revision " + result.revision->id + " does not upgrade, so the revisions above it cannot run");
      return;
    }
    before = target_.introspect();
  }

  // upgrade, read, downgrade, compare, upgrade again, compare. `before` is the schema below the
  // revision, and becomes the one above it.
  void step(StairwayResult& result, schema::Schema& before) {
    const revision::Revision& revision = *result.revision;
    const auto finish = [&result] {
      if (result.status != StairwayStatus::no_downgrade)
        result.status = result.problems.empty() ? StairwayStatus::pass : StairwayStatus::fail;
    };
    if (const auto error = attempt(Direction::upgrade, revision)) {
      result.problems.push_back({"upgrade", *error, {}});
      stop("revision " + revision.id + " does not upgrade, so the revisions above it cannot run");
      return finish();
    }
    schema::Schema upgraded = target_.introspect();

    if (const ops::Fail* fail = fail_step(revision)) {
      result.note = fail->message;
      if (request_.strict)
        result.problems.push_back({"downgrade",
                                   "its downgrade is a `fail` step (" + fail->message +
                                       "): no downgrade can go below this revision",
                                   {}});
      else
        result.status = StairwayStatus::no_downgrade;
      before = std::move(upgraded);
      return finish();
    }

    if (const auto error = attempt(Direction::downgrade, revision)) {
      // Rolled back (unless dirty, which stopped the stairway): still at this revision, the
      // stairway goes on from here.
      result.problems.push_back({"downgrade", *error, {}});
      before = std::move(upgraded);
      return finish();
    }
    const schema::Schema downgraded = target_.introspect();
    if (auto left = differences(before, downgraded); !left.empty())
      result.problems.push_back({"compare", "", std::move(left)});

    if (const auto error = attempt(Direction::upgrade, revision)) {
      result.problems.push_back({"upgrade again", *error, {}});
      stop("revision " + revision.id + " does not upgrade again after its downgrade, so the revisions above it "
           "cannot run");
      return finish();
    }
    before = target_.introspect();
    if (auto changed = differences(upgraded, before); !changed.empty())
      result.problems.push_back({"upgrade again", "", std::move(changed)});
    finish();
  }

  const ApplyTarget& target_;
  const StairwayRequest& request_;
  ProgressStore progress_;
  Migrator migrator_;
  ConnectionSink sink_;
  RunOptions options_;
  std::vector<std::string> current_;  // the scratch database's heads
  StairwayOutcome outcome_;
};

}  // namespace

StairwayOutcome run_stairway(const ApplyTarget& target, const StairwayRequest& request) {
  return Stairway(target, request).run();
}

}  // namespace dbmig::runtime
