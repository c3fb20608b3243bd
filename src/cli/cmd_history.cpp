// dbmig history / dbmig heads: the revision graph, newest first.
#include <algorithm>
#include <ostream>

#include "cli/commands.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

util::Json revision_json(const revision::Revision& revision, bool head, bool current) {
  return util::Json::Object{{"revision", revision.id},
                            {"down_revisions", util::Json::array_of(revision.down_revisions)},
                            {"message", revision.message},
                            {"created_at", revision.created_at},
                            {"file", revision.path.string()},
                            {"head", head},
                            {"current", current}};
}

// Alembic's familiar line: "1a2b3c4d5e6f -> 3f2a9c1d7b4e (head) (current), add posts".
std::string revision_line(const revision::Revision& revision, bool head, bool current) {
  std::string line = revision.down_revisions.empty() ? "<base>" : util::join(revision.down_revisions, ", ");
  line += " -> " + revision.id;
  if (head) line += " (head)";
  if (current) line += " (current)";
  return line + ", " + revision.message;
}

void print_revisions(Context& context, const std::vector<const revision::Revision*>& revisions) {
  const auto heads = context.graph().heads();
  const auto current = context.current_heads();
  if (context.json()) {
    util::Json::Array items;
    for (const auto* revision : revisions)
      items.push_back(revision_json(*revision, contains(heads, revision->id), contains(current, revision->id)));
    context.out << util::Json(std::move(items)).dump() << "\n";
    return;
  }
  for (const auto* revision : revisions)
    context.out << revision_line(*revision, contains(heads, revision->id), contains(current, revision->id)) << "\n";
}

void history(Context& context) { print_revisions(context, context.graph().newest_first()); }

void heads(Context& context) {
  std::vector<const revision::Revision*> revisions;
  for (const auto& id : context.graph().heads()) revisions.push_back(&context.graph().get(id));
  print_revisions(context, revisions);
}

}  // namespace

void add_history_commands(CLI::App& app, Context& context) {
  app.add_subcommand("history", "list revisions, newest first, marking heads and the current revision")
      ->callback([&context] { history(context); });
  app.add_subcommand("heads", "list the head revisions")->callback([&context] { heads(context); });
}

}  // namespace dbmig::cli
