#include "cli/revision_range.hpp"

#include "util/error.hpp"

namespace dbmig::cli {

namespace {

// One end of `-r A:B`: empty for "all the way", else the revisions it names. `current` is where
// the database is; `base` below the roots, `heads` above everything.
std::vector<std::string> range_end(Context& context, const std::string& name) {
  if (name.empty() || name == "base" || name == "heads") return {};
  if (name == "current") {
    auto current = context.current_heads_in_graph();
    if (current.empty())
      throw usage_error("'current' is base: no revision is applied", std::nullopt, "use base, or leave that end empty");
    return current;
  }
  return context.graph().resolve_names(name);
}

}  // namespace

std::vector<const revision::Revision*> revisions_in_range(Context& context, const std::string& range) {
  const auto colon = range.find(':');
  if (colon == std::string::npos)
    throw usage_error("'" + range + "' is not a range", std::nullopt,
                      "write FROM:TO, e.g. base:head, ae10:, :current");
  const auto lower = range_end(context, range.substr(0, colon));
  const auto upper = range_end(context, range.substr(colon + 1));
  return context.graph().between(lower, upper);
}

}  // namespace dbmig::cli
