// dbmig branches: where the revision graph forks, and into which revisions.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/revision_format.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

void branches(Context& context) {
  const auto& graph = context.graph();
  const auto points = graph.branch_points();
  if (context.json()) {
    util::Json::Array items;
    for (const auto* point : points) {
      auto object = revision_json(*point, marks_of(*point, graph.heads(), {}));
      object.emplace_back("children", util::Json::array_of(graph.children(point->id)));
      items.push_back(std::move(object));
    }
    context.out << util::Json(std::move(items)).dump() << "\n";
    return;
  }
  if (points.empty()) {
    if (!context.options.quiet) context.out << "No branch points: the revisions form one line\n";
    return;
  }
  const auto style = context.style();
  // Alembic's line: "<id> (branchpoint) -> <child>, <child>, <message>".
  for (const auto* point : points)
    context.out << style.id(point->id) << " (branchpoint) -> " << util::join(graph.children(point->id), ", ") << ", "
                << point->message << "\n";
}

}  // namespace

void add_branches_command(CLI::App& app, Context& context) {
  app.add_subcommand("branches", "list the revisions where the graph forks, with the revisions built on each")
      ->callback([&context] { branches(context); });
}

}  // namespace dbmig::cli
