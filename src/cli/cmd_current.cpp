// dbmig current: the revisions the database is at.
#include <algorithm>
#include <ostream>

#include "cli/commands.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

namespace {

void current(Context& context) {
  const auto current = context.current_heads_in_graph();
  const auto heads = context.graph().heads();
  const auto is_head = [&](const std::string& id) { return std::find(heads.begin(), heads.end(), id) != heads.end(); };

  if (context.json()) {
    std::vector<std::string> sorted_current = current, sorted_heads = heads;
    std::sort(sorted_current.begin(), sorted_current.end());
    std::sort(sorted_heads.begin(), sorted_heads.end());
    context.out << util::Json(util::Json::Object{{"current", util::Json::array_of(current)},
                                                 {"heads", util::Json::array_of(heads)},
                                                 {"up_to_date", sorted_current == sorted_heads}})
                       .dump()
                << "\n";
    return;
  }
  if (current.empty()) {
    if (!context.options.quiet) context.out << "base (no revision applied)\n";
    return;
  }
  const auto style = context.style();
  for (const auto& id : current) {
    context.out << style.id(id) << (is_head(id) ? " " + style.head("(head)") : "");
    if (!context.options.quiet) context.out << "  " << context.graph().get(id).message;
    context.out << "\n";
  }
}

}  // namespace

void add_current_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("current", "show the revisions the database is at");
  command->callback([&context] { current(context); });
}

}  // namespace dbmig::cli
