// dbmig stamp REV: set the version table without running any migration (adopting a database
// that already has the schema, or repairing the version table), and record the checksums of the
// revision files as they are now, which also accepts applied files that were edited.
#include <algorithm>
#include <ostream>
#include <unordered_set>

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
  std::vector<std::string> targets;
  double lock_timeout = default_lock_timeout_seconds;
};

// The heads the version table will hold: every revision named, none of them below another.
std::vector<std::string> stamp_targets(Context& context, const std::vector<std::string>& names) {
  const auto& graph = context.graph();
  std::vector<std::string> wanted;
  for (const auto& name : names) {
    if (name == "base") continue;
    if (name == "head" && graph.heads().size() > 1)
      throw usage_error("several heads (" + util::join(graph.heads(), ", ") + "): `head` is ambiguous", std::nullopt,
                        "stamp `heads`, or name the revisions");
    for (const auto& id : graph.resolve_names(name))
      if (std::find(wanted.begin(), wanted.end(), id) == wanted.end()) wanted.push_back(id);
  }
  std::sort(wanted.begin(), wanted.end());
  for (const auto& id : wanted)
    for (const auto& other : wanted)
      if (graph.is_ancestor(other, id))
        throw usage_error(other + " is below " + id + ": the version table holds one head per branch", std::nullopt,
                          "name only the topmost revision of each branch");
  return wanted;
}

// A history row for each revision the stamp marks as applied, and for each one whose file's
// checksum is not the one last recorded for it: from now on, the files as they are now are what
// the database is taken to have run.
std::vector<std::string> record_stamp(Context& context, runtime::StatementSink& sink,
                                      const std::vector<std::string>& current, const std::vector<std::string>& wanted,
                                      const std::vector<runtime::HistoryRow>& history) {
  const auto& graph = context.graph();
  const auto recorded = runtime::recorded_checksums(history);
  // The version table may name revisions no file has (what a stamp repairs): they count for nothing.
  std::vector<std::string> known;
  std::copy_if(current.begin(), current.end(), std::back_inserter(known), [&](const auto& id) { return graph.contains(id); });
  std::unordered_set<std::string> applied_before;
  for (const auto* revision : graph.applied(known)) applied_before.insert(revision->id);
  const auto user = runtime::os_user_name();
  std::vector<std::string> stamped;
  for (const auto* revision : graph.applied(wanted)) {
    const auto& checksum = graph.checksum(*revision);
    const auto found = recorded.find(revision->id);
    const bool same_file = found != recorded.end() && found->second == checksum;
    if (applied_before.contains(revision->id) && same_file) continue;
    context.history().record(sink, dialect::HistoryEntry{revision->id, "stamp", checksum, std::nullopt, user});
    stamped.push_back(revision->id);
  }
  return stamped;
}

void stamp(Context& context, const StampArguments& arguments) {
  const auto wanted = stamp_targets(context, arguments.targets);
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
    recorded = record_stamp(context, sink, current, wanted, history);
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
  command->add_option("revisions", arguments->targets,
                      "base, head, heads, label@head, or revision ids or unique prefixes (one per branch)")
      ->required();
  add_lock_timeout_option(*command, arguments->lock_timeout);
  command->callback([&context, arguments] { stamp(context, *arguments); });
}

}  // namespace dbmig::cli
