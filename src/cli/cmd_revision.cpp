// dbmig revision -m MSG: an empty revision on the current head (or on --head), for hand-written
// steps; --branch-label names the branch it starts or continues.
#include <ostream>

#include "cli/cli_outline.hpp"
#include "cli/commands.hpp"
#include "cli/revision_writer.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

namespace {

struct RevisionArguments {
  std::string message;
  std::string head;  // empty: the current head
  std::vector<std::string> branch_labels;
};

void new_revision(Context& context, const RevisionArguments& arguments) {
  revision::Revision revision;
  revision.down_revisions =
      arguments.head.empty() ? parent_for_new_revision(context) : parent_named(context, arguments.head);
  revision.message = arguments.message;
  check_new_branch_labels(context, arguments.branch_labels);
  revision.branch_labels = arguments.branch_labels;
  const bool new_branch = !arguments.head.empty() && !context.graph().empty() &&
                          (revision.down_revisions.empty() || !context.graph().children(revision.down_revisions.front()).empty());
  const auto written = write_new_revision(context, std::move(revision), {});
  const auto& path = written.path;
  if (context.json()) {
    context.out << util::Json(util::Json::Object{{"file", path.string()}, {"revision", written.id}}).dump() << "\n";
  } else if (auto* out = context.progress()) {
    *out << "Generated " << path.string() << "\n";
    if (new_branch) *out << "This starts a new branch; `dbmig merge` joins it with the others later.\n";
  }
}

}  // namespace

void add_revision_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("revision", "write an empty revision on the current head");
  auto arguments = std::make_shared<RevisionArguments>();
  command->add_option("-m,--message", arguments->message, "what the revision does")->required();
  command->add_option("--head", arguments->head,
                      "build on this revision instead of the only head (an id, label, label@head; base: a new root)")
      ->type_name(revision_value_name);
  command->add_option("--branch-label", arguments->branch_labels, "a branch label for the new revision (repeatable)");
  command->callback([&context, arguments] { new_revision(context, *arguments); });
}

}  // namespace dbmig::cli
