// dbmig upgrade [TARGET] / dbmig downgrade [TARGET]: walk the revision graph, applying or
// reverting, or with --sql print the SQL instead.
#include <iomanip>
#include <ostream>

#include "cli/commands.hpp"
#include "runtime/migrator.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

using runtime::Direction;

struct ApplyArguments {
  std::string target;
  bool sql = false;
  bool single_transaction = false;
};

void print_step(Context& context, const runtime::StepReport& step) {
  auto* out = context.progress();
  if (!out) return;
  const double milliseconds = static_cast<double>(step.took.count()) / 1000.0;
  *out << (step.direction == Direction::upgrade ? "Applied   " : "Reverted  ") << step.revision->id << "  "
       << step.revision->message << "  (" << std::fixed << std::setprecision(1) << milliseconds << " ms)\n";
}

void apply(Context& context, Direction direction, const ApplyArguments& arguments) {
  const auto& graph = context.graph();
  auto current = context.current_heads_in_graph();
  runtime::Migrator migrator(context.dialect(), graph, context.versions());
  const auto plan = migrator.plan(direction, current, arguments.target);
  const char* verb = direction == Direction::upgrade ? "upgrade" : "downgrade";

  if (arguments.sql) {
    runtime::ScriptSink sink(context.out, context.dialect());
    // Nothing is executed, so the tracked schema cannot be read again after a raw SQL step.
    runtime::SchemaTracker tracker(context.database_exists() ? context.introspect() : schema::Schema{}, {});
    migrator.run(sink, tracker, direction, plan, current, runtime::RunOptions{arguments.single_transaction, {}});
    return;
  }

  if (plan.empty()) {
    if (context.json())
      context.out << util::Json(util::Json::Object{{"direction", verb}, {"steps", util::Json::Array{}},
                                                   {"current", util::Json::array_of(current)}})
                         .dump()
                  << "\n";
    else if (auto* out = context.progress())
      *out << "Nothing to " << verb << ": the database is at "
           << (current.empty() ? std::string("base") : util::join(current, ", ")) << "\n";
    return;
  }

  util::Json::Array steps;
  runtime::RunOptions options;
  options.single_transaction = arguments.single_transaction;
  options.on_step = [&](const runtime::StepReport& step) {
    print_step(context, step);
    steps.push_back(util::Json::Object{{"revision", step.revision->id},
                                       {"message", step.revision->message},
                                       {"milliseconds", static_cast<double>(step.took.count()) / 1000.0}});
  };
  runtime::ConnectionSink sink(context.connection());
  runtime::SchemaTracker tracker(std::nullopt, [&context] { return context.introspect(); });
  const auto after = migrator.run(sink, tracker, direction, plan, current, options);
  if (context.json())
    context.out << util::Json(util::Json::Object{{"direction", verb}, {"steps", std::move(steps)},
                                                 {"current", util::Json::array_of(after)}})
                       .dump()
                << "\n";
}

void add_apply_command(CLI::App& app, Context& context, Direction direction) {
  const bool up = direction == Direction::upgrade;
  auto* command = app.add_subcommand(up ? "upgrade" : "downgrade",
                                     up ? "apply revisions up to TARGET (default: heads)"
                                        : "revert revisions down to TARGET (default: -1)");
  auto arguments = std::make_shared<ApplyArguments>();
  arguments->target = up ? "heads" : "-1";
  command->add_option("target", arguments->target,
                      up ? "head, heads, a revision id or unique prefix, +N"
                         : "base, a revision id or unique prefix, -N");
  command->add_flag("--sql", arguments->sql, "print the SQL that would run; change nothing");
  command->add_flag("--single-transaction", arguments->single_transaction,
                    "run every revision in one transaction instead of one each");
  command->callback([&context, direction, arguments] { apply(context, direction, *arguments); });
}

}  // namespace

void add_upgrade_commands(CLI::App& app, Context& context) {
  add_apply_command(app, context, Direction::upgrade);
  add_apply_command(app, context, Direction::downgrade);
}

}  // namespace dbmig::cli
