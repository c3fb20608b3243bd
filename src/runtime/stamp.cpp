#include "runtime/stamp.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <unordered_set>

#include "runtime/changed_revisions.hpp"
#include "runtime/progress_store.hpp"
#include "runtime/run_lock.hpp"
#include "runtime/statement_sink.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::runtime {

namespace {

// A history row for each revision the stamp marks as applied, and for each one whose file's
// checksum is not the one last recorded for it: from now on, the files as they are now are what
// the database is taken to have run.
std::vector<std::string> record_stamp(const ApplyTarget& target, StatementSink& sink,
                                      const std::vector<std::string>& current, const std::vector<std::string>& wanted,
                                      const std::vector<HistoryRow>& history, const std::string& os_user) {
  const auto& graph = target.graph;
  const auto recorded = recorded_checksums(history);
  // The version table may name revisions no file has (what a stamp repairs): they count for nothing.
  std::vector<std::string> known;
  std::copy_if(current.begin(), current.end(), std::back_inserter(known), [&](const auto& id) { return graph.contains(id); });
  std::unordered_set<std::string> applied_before;
  for (const auto* revision : graph.applied(known)) applied_before.insert(revision->id);
  std::vector<std::string> stamped;
  for (const auto* revision : graph.applied(wanted)) {
    const auto& checksum = graph.checksum(*revision);
    const auto found = recorded.find(revision->id);
    const bool same_file = found != recorded.end() && found->second == checksum;
    if (applied_before.contains(revision->id) && same_file) continue;
    target.history.record(sink, dialect::HistoryEntry{revision->id, "stamp", checksum, std::nullopt, os_user});
    stamped.push_back(revision->id);
  }
  return stamped;
}

}  // namespace

// The heads the version table will hold: every revision named, none of them below another.
std::vector<std::string> stamp_targets(const revision::Graph& graph, const std::vector<std::string>& names) {
  std::vector<std::string> wanted;
  for (const auto& name : names) {
    if (name == "base") continue;
    if (name == "head" && graph.heads().size() > 1)
      throw usage_error("several heads (" + util::join(graph.heads(), ", ") + "): `head` is ambiguous", std::nullopt,
                        "stamp `heads`, or name the revisions");
    for (const auto& id : graph.resolve_names(name))
      if (std::find(wanted.begin(), wanted.end(), id) == wanted.end()) wanted.push_back(id);
  }
  std::sort(wanted.begin(), wanted.end());
  for (const auto& id : wanted)
    for (const auto& other : wanted)
      if (graph.is_ancestor(other, id))
        throw usage_error(other + " is below " + id + ": the version table holds one head per branch", std::nullopt,
                          "name only the topmost revision of each branch");
  return wanted;
}

std::vector<std::string> stamp_under_lock(const ApplyTarget& target, const std::vector<std::string>& wanted,
                                          std::chrono::milliseconds lock_wait, const std::string& os_user) {
  const HeldRunLock lock(target.dialect, target.connection, target.versions.table(), lock_wait);
  ConnectionSink sink(target.connection, &target.dialect);
  begin_transaction(sink, lock.description() + " within " + describe_wait(lock_wait));
  try {
    // Read inside the transaction: on SQLite, BEGIN IMMEDIATE is the lock.
    const auto current = target.versions.read(target.connection);
    const auto history = target.history.read(target.connection);
    target.versions.ensure_table(sink);
    target.history.ensure_table(sink);
    target.versions.record(sink, current, wanted);
    auto recorded = record_stamp(target, sink, current, wanted, history, os_user);
    // A revision an earlier run left half done is settled by the stamp: the user says where the
    // database is.
    const ProgressStore progress(target.dialect, progress_table_name(target.versions.table()));
    if (progress.read(target.connection)) progress.clear(sink);
    sink.commit();
    return recorded;
  } catch (...) {
    sink.rollback();
    throw;
  }
}

}  // namespace dbmig::runtime
