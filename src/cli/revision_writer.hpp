#pragma once
// Writing a new revision file (for `revision`, `migrate` and `merge`).
#include <filesystem>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "revision/revision.hpp"

namespace dbmig::cli {

// The head a new revision builds on: empty for the first revision. Several heads are an error
// that says how to join them.
std::vector<std::string> parent_for_new_revision(Context& context);
// The revision `--head NAME` names (an id, prefix, label, label@head, head), or none for `base`
// (a new root: a second, independent branch).
std::vector<std::string> parent_named(Context& context, const std::string& name);
// Branch labels for a new revision must be new: a label names one branch.
void check_new_branch_labels(Context& context, const std::vector<std::string>& labels);

// Fills id and created_at, renders with migrations/revision.yaml.tmpl (or the built-in template),
// checks that the text parses back, writes versions/<id>_<slug>.yaml and returns the revision
// with its id and path.
revision::Revision write_new_revision(Context& context, revision::Revision revision,
                                         const std::vector<std::string>& warnings);

}  // namespace dbmig::cli
