// dbmig stamp REV: set the version table without running any migration (adopting a database
// that already has the schema, or repairing the version table), and record the checksums of the
// revision files as they are now, which also accepts applied files that were edited.
#include <ostream>

#include "cli/apply_safety.hpp"
#include "cli/commands.hpp"
#include "runtime/changed_revisions.hpp"
#include "runtime/os_user.hpp"
#include "runtime/run_lock.hpp"
#include "runtime/statement_sink.hpp"
#include "util/error.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

struct StampArguments {
  std::string target;
  double lock_timeout = default_lock_timeout_seconds;
};

std::vector<std::string> stamp_target(Context& context, const std::string& target) {
  if (target == "base") return {};
  if (target == "head" && context.graph().heads().size() > 1)
    throw usage_error("several heads (" + util::join(context.graph().heads(), ", ") + "): `head` is ambiguous",
                      std::nullopt, "stamp `heads`, or one revision id");
  return context.graph().resolve_names(target);
}

// A history row for each revision applied at `wanted` whose file's checksum is not the one last
// recorded for it: from now on, the files as they are now are what was applied.
std::vector<std::string> record_checksums(Context& context, runtime::StatementSink& sink,
                                          const std::vector<std::string>& wanted,
                                          const std::vector<runtime::HistoryRow>& history) {
  const auto recorded = runtime::recorded_checksums(history);
  const auto user = runtime::os_user_name();
  std::vector<std::string> stamped;
  for (const auto* revision : context.graph().applied(wanted)) {
    const auto& checksum = context.graph().checksum(*revision);
    if (const auto found = recorded.find(revision->id); found != recorded.end() && found->second == checksum) continue;
    context.history().record(sink, dialect::HistoryEntry{revision->id, "stamp", checksum, std::nullopt, user});
    stamped.push_back(revision->id);
  }
  return stamped;
}

void stamp(Context& context, const StampArguments& arguments) {
  const auto wanted = stamp_target(context, arguments.target);
  auto& connection = context.connection();
  const auto wait = lock_wait(arguments.lock_timeout);
  const runtime::HeldRunLock lock(context.dialect(), connection, context.versions().table(), wait);
  runtime::ConnectionSink sink(connection, &context.dialect());
  runtime::begin_transaction(sink, lock.description() + " within " + runtime::describe_wait(wait));
  std::vector<std::string> recorded;
  try {
    // Read inside the transaction: on SQLite, BEGIN IMMEDIATE is the lock.
    const auto current = context.versions().read(connection);
    const auto history = context.history().read(connection);
    context.versions().ensure_table(sink);
    context.history().ensure_table(sink);
    context.versions().record(sink, current, wanted);
    recorded = record_checksums(context, sink, wanted, history);
    sink.commit();
  } catch (...) {
    sink.rollback();
    throw;
  }
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
  command->add_option("revision", arguments->target, "base, head, heads, label@head, or a revision id or unique prefix")
      ->required();
  add_lock_timeout_option(*command, arguments->lock_timeout);
  command->callback([&context, arguments] { stamp(context, *arguments); });
}

}  // namespace dbmig::cli
