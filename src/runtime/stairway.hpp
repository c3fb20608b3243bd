#pragma once
// `dbmig verify`: the stairway test on a scratch database. For each revision in upgrade order:
// upgrade it, read the schema, downgrade it, check that the schema is the one from before the
// upgrade, upgrade it again (and check that it is the one from the first upgrade). What a
// revision gets wrong is reported in its result, not thrown, so that one run reports every
// broken downgrade it can reach; only what is not a revision's fault (the connection, reading
// the catalog, the lock) is thrown.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ops/op.hpp"
#include "revision/revision.hpp"
#include "runtime/apply_session.hpp"
#include "schema/naming.hpp"
#include "schema/schema.hpp"

namespace dbmig::runtime {

enum class StairwayStatus {
  pass,          // every step ran and both comparisons held
  fail,          // a step failed or a comparison did not hold (see the problems)
  no_downgrade,  // its downgrade is a `fail` step: upgraded only (a failure with strict)
  applied,       // below the range: upgraded to get there, not tested
  not_reached,   // the stairway stopped below it
};
// "pass", "fail", "no-downgrade", "applied", "not-reached": the words of the text and JSON reports.
const char* status_name(StairwayStatus status);

// One thing a revision got wrong.
struct StairwayProblem {
  // "upgrade", "downgrade" (it failed, or is a `fail` step under strict), "compare" (the schema
  // after the downgrade is not the one before the upgrade), "upgrade again" (it failed, or gave
  // another schema than the first upgrade).
  std::string phase;
  std::string error;  // the error (e.g. the SQL error); empty for a comparison
  // For a comparison: the steps that would turn the schema found into the one expected (as
  // `check` lists them), i.e. what the downgrade failed to undo or undid too much.
  std::vector<ops::Op> differences;
};

struct StairwayResult {
  const revision::Revision* revision = nullptr;
  StairwayStatus status = StairwayStatus::not_reached;
  std::vector<StairwayProblem> problems;
  std::string note;  // no-downgrade: the `fail` step's message
};

struct StairwayOutcome {
  std::vector<StairwayResult> results;  // one per revision of the plan, in its order
  // Why the stairway stopped before the end of the plan (the revisions above are not reached);
  // empty when it got to the end.
  std::string stopped;
  // A failed revision left statements committed (MySQL/MariaDB commit DDL as they go; online
  // steps on PostgreSQL): the scratch database has a half-done revision in its progress table.
  bool dirty = false;
  std::vector<std::string> heads;  // where the scratch database is at the end
  // What the scratch database held before the first revision (with force: tables not dbmig's).
  schema::Schema at_start;
  bool failed() const;  // any result is a failure
};

struct StairwayRequest {
  // The revisions in upgrade order from base (Graph::upgrade_plan({}, "heads"), or up to the top
  // of a range).
  std::vector<const revision::Revision*> plan;
  // Which of them are tested; the others are only upgraded (below a range). Empty: all.
  std::function<bool(const revision::Revision&)> tested;
  bool strict = false;  // a `fail` downgrade is a failure, not "no downgrade"
  bool force = false;   // run on a database with tables that are not dbmig's own
  schema::NamingConvention naming;  // the project's, for the comparisons
  std::chrono::milliseconds lock_wait{0};
  std::vector<dialect::Statement> session_statements;
  std::string os_user;
  bool online = true;  // RunOptions::online: verify what `upgrade` would run
  std::function<void(const StairwayResult&)> on_result;  // each revision, as soon as it is known
};

// Runs the stairway on `target`, which must be at base (no revision applied, nothing half done)
// and, unless `force`, hold no table but dbmig's own: otherwise a usage error says what is there.
// target.introspect must leave dbmig's own tables out.
StairwayOutcome run_stairway(const ApplyTarget& target, const StairwayRequest& request);

}  // namespace dbmig::runtime
