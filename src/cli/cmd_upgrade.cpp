// dbmig upgrade [TARGET] / dbmig downgrade [TARGET]: walk the revision graph, applying or
// reverting under the run lock, or with --sql print the SQL instead (offline for a range A:B).
#include <iomanip>
#include <ostream>

#include "cli/apply_safety.hpp"
#include "cli/cli_outline.hpp"
#include "cli/commands.hpp"
#include "runtime/apply_session.hpp"
#include "runtime/migrator.hpp"
#include "runtime/os_user.hpp"
#include "runtime/schema_replay.hpp"
#include "util/error.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

using runtime::Direction;

struct ApplyArguments {
  std::string target;
  bool sql = false;
  bool single_transaction = false;
  bool allow_changed = false;
  bool no_online = false;
  double lock_timeout = default_lock_timeout_seconds;
  SessionLimitArguments limits;
};

// `A:B` (--sql only): plan from A as if the database were there, without asking it.
struct Range {
  std::optional<std::string> start;
  std::string target;
};

Range parse_range(const ApplyArguments& arguments, Direction direction) {
  const auto colon = arguments.target.find(':');
  if (colon == std::string::npos) return Range{std::nullopt, arguments.target};
  if (!arguments.sql)
    throw usage_error("a range '" + arguments.target + "' is only for --sql", std::nullopt,
                      "give one target, or add --sql to print the SQL from the first revision to the second");
  Range range{arguments.target.substr(0, colon), arguments.target.substr(colon + 1)};
  if (range.start->empty())
    throw usage_error("the range '" + arguments.target + "' has no start", std::nullopt,
                      "write FROM:TO, e.g. base:head, or leave the range out to start where the database is");
  if (range.target.empty()) {
    if (direction == Direction::downgrade)
      throw usage_error("the range '" + arguments.target + "' has no end", std::nullopt, "write FROM:TO, e.g. head:base");
    range.target = "heads";
  }
  return range;
}

std::vector<std::string> revisions_at(Context& context, const std::string& start) {
  return start == "base" ? std::vector<std::string>{} : context.graph().resolve_names(start);
}

runtime::Migrator make_migrator(Context& context) {
  return runtime::Migrator(context.dialect(), context.graph(), context.versions(), context.history());
}

std::string heads_text(const std::vector<std::string>& heads) {
  return heads.empty() ? std::string("base") : util::join(heads, ", ");
}

// --sql: the script that would run, from the database's revisions or, for a range, from its
// start without any connection. SQLite rebuilds restate tables from the schema at the start:
// introspected, or offline replayed from the revisions below it.
void print_sql(Context& context, Direction direction, const ApplyArguments& arguments, const Range& range) {
  std::vector<std::string> current;
  std::optional<schema::Schema> start_schema;
  if (range.start) {
    current = revisions_at(context, *range.start);
    start_schema = runtime::replay_schema(context.graph(), current);
  } else {
    current = context.current_heads_in_graph();
    start_schema = context.database_exists() ? context.introspect() : schema::Schema{};
  }
  auto migrator = make_migrator(context);
  const auto plan = migrator.plan(direction, current, range.target);
  runtime::ScriptSink sink(context.out, context.dialect());
  runtime::SchemaTracker tracker(std::move(start_schema), {});
  runtime::RunOptions options;
  options.single_transaction = arguments.single_transaction;
  options.session_statements = session_statements(context, arguments.limits);
  options.os_user = runtime::os_user_name();
  options.measure_durations = false;
  options.online = context.config().online && !arguments.no_online;
  migrator.run(sink, tracker, direction, plan, current, options);
}

void print_step(Context& context, const runtime::StepReport& step) {
  auto* out = context.progress();
  if (!out) return;
  const auto style = context.style();
  const double milliseconds = static_cast<double>(step.took.count()) / 1000.0;
  const char* verb = step.skipped ? "Skipped   " : step.direction == Direction::upgrade ? "Applied   " : "Reverted  ";
  *out << verb << style.id(step.revision->id) << "  " << step.revision->message;
  if (step.skipped)
    *out << "  (another run did it meanwhile)\n";
  else
    *out << "  (" << std::fixed << std::setprecision(1) << milliseconds << " ms)\n";
}

// Applied revisions whose files changed since: upgrade refuses unless --allow-changed; downgrade
// (which may be the way out) and --allow-changed only warn.
void check_changed(Context& context, Direction direction, const ApplyArguments& arguments,
                   const std::vector<std::string>& current, const std::vector<runtime::ChangedRevision>& changed) {
  if (changed.empty()) return;
  const std::string what = std::to_string(changed.size()) + " applied revision file(s) changed since they were applied:\n" +
                           changed_lines(changed);
  if (direction == Direction::upgrade && !arguments.allow_changed)
    throw usage_error(what + "upgrade refuses to build on revisions that may not be what the database ran",
                      std::nullopt,
                      "restore the files, or accept them as they are now with `" + restamp_command(current) +
                          "` (records their checksums), or run once with --allow-changed");
  if (!context.options.quiet) context.err << context.style().warning("warning: ") << what;
}

void apply(Context& context, Direction direction, const ApplyArguments& arguments) {
  const Range range = parse_range(arguments, direction);
  if (arguments.sql) return print_sql(context, direction, arguments, range);

  util::Json::Array steps;
  runtime::ApplyRequest request;
  request.direction = direction;
  request.target = range.target;
  request.single_transaction = arguments.single_transaction;
  request.lock_wait = lock_wait(arguments.lock_timeout);
  request.session_statements = session_statements(context, arguments.limits);
  request.lock_retry.retries = lock_retries(context, arguments.limits);
  request.os_user = runtime::os_user_name();
  request.online = context.config().online && !arguments.no_online;
  request.vet = [&](const std::vector<std::string>& current, const std::vector<runtime::ChangedRevision>& changed) {
    check_changed(context, direction, arguments, current, changed);
  };
  request.on_step = [&](const runtime::StepReport& step) {
    print_step(context, step);
    steps.push_back(util::Json::Object{{"revision", step.revision->id},
                                       {"message", step.revision->message},
                                       {"milliseconds", static_cast<double>(step.took.count()) / 1000.0},
                                       {"skipped", step.skipped}});
  };
  const runtime::ApplyOutcome outcome = runtime::apply_under_lock(context.apply_target(), request);

  const char* verb = runtime::direction_name(direction);
  if (outcome.nothing_to_do)
    if (auto* out = context.progress()) *out << "Nothing to " << verb << ": the database is at " << heads_text(outcome.before) << "\n";
  if (context.json()) {
    context.out << util::Json(util::Json::Object{{"direction", verb},
                                                 {"steps", std::move(steps)},
                                                 {"current", util::Json::array_of(outcome.after)},
                                                 {"changed", changed_json(outcome.changed)}})
                       .dump()
                << "\n";
  } else if (auto* out = context.progress(); out && outcome.after.size() > 1 && direction == Direction::upgrade) {
    *out << "The database is at " << outcome.after.size() << " heads (" << util::join(outcome.after, ", ")
         << "); join them with `dbmig merge -m MESSAGE heads`\n";
  }
}

void add_apply_command(CLI::App& app, Context& context, Direction direction) {
  const bool up = direction == Direction::upgrade;
  auto* command = app.add_subcommand(up ? "upgrade" : "downgrade",
                                     up ? "apply revisions up to TARGET (default: heads)"
                                        : "revert revisions down to TARGET (default: -1)");
  auto arguments = std::make_shared<ApplyArguments>();
  arguments->target = up ? "heads" : "-1";
  command->add_option("target", arguments->target,
                      up ? "heads, head, label@head, a revision id or unique prefix, +N, REV+N; FROM:TO with --sql"
                         : "base, a revision id or unique prefix, -N, REV-N; FROM:TO with --sql")
      ->type_name(revision_value_name);
  command->add_flag("--sql", arguments->sql, "print the SQL that would run; change nothing");
  command->add_flag("--single-transaction", arguments->single_transaction,
                    "run every revision in one transaction instead of one each");
  if (up)
    command->add_flag("--allow-changed", arguments->allow_changed,
                      "apply even though applied revision files changed since they were applied");
  command->add_flag("--no-online", arguments->no_online,
                    "plain DDL on existing tables, each revision in one transaction (as `online: false` in "
                    "dbmig.yaml); the default on PostgreSQL builds indexes concurrently and validates keys apart");
  add_lock_timeout_option(*command, arguments->lock_timeout);
  add_session_limit_options(*command, arguments->limits);
  command->callback([&context, direction, arguments] { apply(context, direction, *arguments); });
}

}  // namespace

void add_upgrade_commands(CLI::App& app, Context& context) {
  add_apply_command(app, context, Direction::upgrade);
  add_apply_command(app, context, Direction::downgrade);
}

}  // namespace dbmig::cli
