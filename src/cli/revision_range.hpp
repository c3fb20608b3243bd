#pragma once
// `-r FROM:TO` as history and lint read it: the revisions between two ends, newest first.
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace dbmig::cli {

// The revisions of `range` (FROM:TO, inclusive; each end an id, prefix, label, base, head(s) or
// current, either may be empty), newest first. Throws a usage error for text without a colon.
std::vector<const revision::Revision*> revisions_in_range(Context& context, const std::string& range);

}  // namespace dbmig::cli
