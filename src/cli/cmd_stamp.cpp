// dbmig stamp REV: set the version table without running any migration (runtime/stamp.hpp).
#include <ostream>

#include "cli/apply_safety.hpp"
#include "cli/cli_outline.hpp"
#include "cli/commands.hpp"
#include "runtime/os_user.hpp"
#include "runtime/stamp.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

struct StampArguments {
  std::vector<std::string> targets;
  double lock_timeout = default_lock_timeout_seconds;
};

void stamp(Context& context, const StampArguments& arguments) {
  const auto wanted = runtime::stamp_targets(context.graph(), arguments.targets);
  const auto recorded = runtime::stamp_under_lock(context.apply_target(), wanted, lock_wait(arguments.lock_timeout),
                                                  runtime::os_user_name());
  if (context.json())
    context.out << util::Json(util::Json::Object{{"current", util::Json::array_of(wanted)},
                                                 {"checksums_recorded", util::Json::array_of(recorded)}})
                       .dump()
                << "\n";
  else if (auto* out = context.progress())
    *out << "Stamped the database at " << (wanted.empty() ? std::string("base") : util::join(wanted, ", ")) << "\n";
}

}  // namespace

void add_stamp_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("stamp", "set the version table to REV without running migrations");
  auto arguments = std::make_shared<StampArguments>();
  command->add_option("revisions", arguments->targets,
                      "base, head, heads, label@head, or revision ids or unique prefixes (one per branch)")
      ->required()
      ->type_name(revision_value_name);
  add_lock_timeout_option(*command, arguments->lock_timeout);
  command->callback([&context, arguments] { stamp(context, *arguments); });
}

}  // namespace dbmig::cli
