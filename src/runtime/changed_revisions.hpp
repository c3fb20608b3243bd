#pragma once
// Applied revisions whose file was edited after it was applied: the checksum recorded in the
// history table when the revision was last applied or stamped differs from the file's now.
#include <string>
#include <unordered_map>
#include <vector>

#include "revision/graph.hpp"
#include "runtime/history_store.hpp"

namespace dbmig::runtime {

struct ChangedRevision {
  const revision::Revision* revision = nullptr;
  std::string recorded;  // the checksum the history holds
  std::string current;   // the file's checksum now
};

// Each revision's checksum as last recorded by an upgrade or a stamp (the latest row wins: a
// re-applied or re-stamped revision is compared with its file as it was then; downgrade rows say
// nothing about what is applied).
std::unordered_map<std::string, std::string> recorded_checksums(const std::vector<HistoryRow>& history);

// Among the revisions a database at `current` heads has applied, those whose latest upgrade or
// stamp row records another checksum than their file has now, oldest first. Revisions without a
// recorded checksum (applied before the history table existed) are not reported.
std::vector<ChangedRevision> changed_revisions(const revision::Graph& graph, const std::vector<std::string>& current,
                                               const std::vector<HistoryRow>& history);

}  // namespace dbmig::runtime
