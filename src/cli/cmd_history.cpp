// dbmig history [-r A:B] / dbmig heads: the revision graph, newest first, marking heads and the
// revisions the database is at; -v shows each revision in full.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/revision_format.hpp"
#include "cli/revision_range.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

namespace {

void print_revisions(Context& context, const std::vector<const revision::Revision*>& revisions) {
  const auto& graph = context.graph();
  const auto heads = graph.heads();
  const auto current = context.current_heads_for_marks();
  if (context.json()) {
    util::Json::Array items;
    for (const auto* revision : revisions) items.push_back(revision_json(*revision, marks_of(*revision, heads, current)));
    context.out << util::Json(std::move(items)).dump() << "\n";
    return;
  }
  const auto style = context.style();
  const bool verbose = context.options.verbosity >= 1;
  for (const auto* revision : revisions) {
    const auto marks = marks_of(*revision, heads, current);
    context.out << (verbose ? revision_block(*revision, marks, graph, style) + "\n" : revision_line(*revision, marks, style) + "\n");
  }
}

void history(Context& context, const std::string& range) {
  if (range.empty()) return print_revisions(context, context.graph().newest_first());
  print_revisions(context, revisions_in_range(context, range));
}

void heads(Context& context) {
  std::vector<const revision::Revision*> revisions;
  for (const auto& id : context.graph().heads()) revisions.push_back(&context.graph().get(id));
  print_revisions(context, revisions);
}

}  // namespace

void add_history_commands(CLI::App& app, Context& context) {
  auto* history_command =
      app.add_subcommand("history", "list revisions, newest first, marking heads and the current revisions (-v: in full)");
  auto range = std::make_shared<std::string>();
  history_command->add_option("-r,--rev-range", *range,
                              "only FROM:TO (inclusive; each end an id, prefix, label, base, head(s) or current; "
                              "either may be left empty)");
  history_command->callback([&context, range] { history(context, *range); });
  app.add_subcommand("heads", "list the head revisions")->callback([&context] { heads(context); });
}

}  // namespace dbmig::cli
