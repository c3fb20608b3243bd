#include "runtime/changed_revisions.hpp"

namespace dbmig::runtime {

std::unordered_map<std::string, std::string> recorded_checksums(const std::vector<HistoryRow>& history) {
  std::unordered_map<std::string, std::string> recorded;
  for (const auto& row : history)
    if ((row.direction == "upgrade" || row.direction == "stamp") && row.checksum) recorded[row.revision] = *row.checksum;
  return recorded;
}

std::vector<ChangedRevision> changed_revisions(const revision::Graph& graph, const std::vector<std::string>& current,
                                               const std::vector<HistoryRow>& history) {
  const auto recorded = recorded_checksums(history);
  std::vector<ChangedRevision> changed;
  if (recorded.empty()) return changed;  // nothing recorded: no file needs reading
  for (const revision::Revision* revision : graph.applied(current)) {
    const auto found = recorded.find(revision->id);
    if (found == recorded.end()) continue;
    const std::string& now = graph.checksum(*revision);
    if (now != found->second) changed.push_back(ChangedRevision{revision, found->second, now});
  }
  return changed;
}

}  // namespace dbmig::runtime
