// dbmig merge -m MSG [REV...]: a revision with no steps whose down_revision lists several heads,
// joining their branches again (by default every head).
#include <algorithm>
#include <ostream>

#include "cli/cli_outline.hpp"
#include "cli/commands.hpp"
#include "cli/revision_writer.hpp"
#include "util/error.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

struct MergeArguments {
  std::string message;
  std::vector<std::string> revisions{"heads"};
  std::vector<std::string> branch_labels;
};

// The revisions named, each once, in the order given; none may be an ancestor of another (that
// would merge a branch with itself).
std::vector<std::string> parents_to_merge(const revision::Graph& graph, const std::vector<std::string>& names) {
  std::vector<std::string> parents;
  for (const auto& name : names)
    for (const auto& id : graph.resolve_names(name))
      if (std::find(parents.begin(), parents.end(), id) == parents.end()) parents.push_back(id);
  if (parents.size() < 2)
    throw usage_error("nothing to merge: " +
                          (parents.empty() ? std::string("no revision") : "only " + parents.front()) + " named",
                      std::nullopt, "name two or more heads, or run `dbmig merge -m MSG heads` when there are several");
  for (const auto& id : parents)
    for (const auto& other : parents)
      if (graph.is_ancestor(other, id))
        throw usage_error(other + " is an ancestor of " + id + ": they are on one branch, not two", std::nullopt,
                          "merge heads of different branches (`dbmig heads` lists them)");
  return parents;
}

void merge(Context& context, const MergeArguments& arguments) {
  revision::Revision revision;
  revision.down_revisions = parents_to_merge(context.graph(), arguments.revisions);
  revision.message = arguments.message;
  revision.branch_labels = arguments.branch_labels;
  check_new_branch_labels(context, revision.branch_labels);
  revision = write_new_revision(context, std::move(revision), {});
  if (context.json())
    context.out << util::Json(util::Json::Object{{"file", revision.path.string()},
                                                 {"revision", revision.id},
                                                 {"down_revisions", util::Json::array_of(revision.down_revisions)}})
                       .dump()
                << "\n";
  else if (auto* out = context.progress())
    *out << "Generated " << revision.path.string() << " merging " << util::join(revision.down_revisions, ", ") << "\n";
}

}  // namespace

void add_merge_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("merge", "write a revision joining several heads (default: all of them)");
  auto arguments = std::make_shared<MergeArguments>();
  command->add_option("-m,--message", arguments->message, "what the merge joins")->required();
  command->add_option("revisions", arguments->revisions, "heads to join: ids, prefixes, labels, label@head, heads")
      ->capture_default_str()
      ->type_name(revision_value_name);
  command->add_option("--branch-label", arguments->branch_labels, "a branch label for the merge revision");
  command->callback([&context, arguments] { merge(context, *arguments); });
}

}  // namespace dbmig::cli
