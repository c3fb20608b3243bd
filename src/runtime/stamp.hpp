#pragma once
// `stamp`: set the version table without running any migration (adopting a database that already
// has the schema, or repairing the version table), recording the checksums of the revision files
// as they are now, which also accepts applied files that were edited.
#include <chrono>
#include <string>
#include <vector>

#include "revision/graph.hpp"
#include "runtime/apply_session.hpp"

namespace dbmig::runtime {

// The heads the version table will hold for the names given (base, head, heads, label@head, ids
// or prefixes): every revision named, none below another. Throws dbmig::Error (usage) otherwise.
std::vector<std::string> stamp_targets(const revision::Graph& graph, const std::vector<std::string>& names);

// Under the run lock, in one transaction: the version table set to `wanted`, and a history row
// ("stamp") for each revision now counted as applied that was not, or whose file changed since
// its checksum was recorded. Returns the revisions given such a row.
std::vector<std::string> stamp_under_lock(const ApplyTarget& target, const std::vector<std::string>& wanted,
                                          std::chrono::milliseconds lock_wait, const std::string& os_user);

}  // namespace dbmig::runtime
