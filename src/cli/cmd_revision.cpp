// dbmig revision -m MSG: an empty revision on the current head, for hand-written steps.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/revision_writer.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

namespace {

void new_revision(Context& context, const std::string& message) {
  revision::Revision revision;
  revision.down_revisions = parent_for_new_revision(context);
  revision.message = message;
  const auto path = write_new_revision(context, std::move(revision), {}).path;
  if (context.json())
    context.out << util::Json(util::Json::Object{{"file", path.string()}}).dump() << "\n";
  else if (auto* out = context.progress())
    *out << "Generated " << path.string() << "\n";
}

}  // namespace

void add_revision_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("revision", "write an empty revision on the current head");
  auto message = std::make_shared<std::string>();
  command->add_option("-m,--message", *message, "what the revision does")->required();
  command->callback([&context, message] { new_revision(context, *message); });
}

}  // namespace dbmig::cli
