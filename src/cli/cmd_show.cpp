// dbmig show REV: one revision in full, with its steps.
#include <ostream>

#include "cli/cli_outline.hpp"
#include "cli/commands.hpp"
#include "cli/op_summary.hpp"
#include "cli/revision_format.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

namespace {

std::vector<std::string> summaries(const std::vector<ops::Op>& steps) {
  std::vector<std::string> lines;
  for (const auto& op : steps) lines.push_back(summarize(op));
  return lines;
}

void print_steps(std::ostream& out, const char* title, const std::vector<std::string>& lines) {
  out << title << (lines.empty() ? " none\n" : "\n");
  for (std::size_t i = 0; i < lines.size(); ++i) out << "  " << i + 1 << ". " << lines[i] << "\n";
}

void show(Context& context, const std::string& name) {
  const auto& graph = context.graph();
  const auto ids = graph.resolve_names(name);
  if (ids.size() != 1)
    throw usage_error("'" + name + "' names " + std::to_string(ids.size()) + " revisions", std::nullopt,
                      "show one revision at a time: `dbmig heads` lists them");
  const auto& revision = graph.with_steps(graph.get(ids.front()));
  const auto marks = marks_of(revision, graph.heads(), context.current_heads_for_marks());
  const auto upgrade = summaries(revision.upgrade), downgrade = summaries(revision.downgrade);

  if (context.json()) {
    auto object = revision_json(revision, marks);
    object.emplace_back("transactional", revision.transactional);
    object.emplace_back("children", util::Json::array_of(graph.children(revision.id)));
    object.emplace_back("checksum", graph.checksum(revision));
    object.emplace_back("upgrade", util::Json::array_of(upgrade));
    object.emplace_back("downgrade", util::Json::array_of(downgrade));
    context.out << util::Json(std::move(object)).dump() << "\n";
    return;
  }
  context.out << revision_block(revision, marks, graph, context.style()) << "\n";
  print_steps(context.out, "Upgrade:", upgrade);
  print_steps(context.out, "Downgrade:", downgrade);
}

}  // namespace

void add_show_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("show", "show one revision with its steps");
  auto name = std::make_shared<std::string>();
  command->add_option("revision", *name, "a revision id or unique prefix, a branch label, head or label@head")
      ->required()
      ->type_name(revision_value_name);
  command->callback([&context, name] { show(context, *name); });
}

}  // namespace dbmig::cli
