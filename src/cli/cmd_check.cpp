// dbmig check: for CI. Exit 1 when revisions are pending, when models.yaml differs from what
// the database will be once they are applied (a forgotten `dbmig migrate`), or when applied
// revision files were edited since they were applied; with --lint also when a pending revision
// has an error-level `dbmig lint` finding.
#include <ostream>

#include "cli/apply_safety.hpp"
#include "cli/commands.hpp"
#include "cli/lint_report.hpp"
#include "cli/op_summary.hpp"
#include "runtime/autogenerate.hpp"
#include "runtime/migrator.hpp"
#include "runtime/schema_replay.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

namespace {

// The live schema with the pending revisions' ops applied to the model (not to the database).
runtime::ProjectedSchema project_pending(Context& context, const std::vector<const revision::Revision*>& pending,
                                         const schema::Schema& desired) {
  auto projection = runtime::apply_upgrades(
      context.database_exists() ? context.introspect(desired.schema_names()) : schema::Schema{}, pending);
  // After the pending steps: one of them may drop another tool's table (retiring it after a switch).
  context.leave_out_other_tools_tables(projection.schema, &desired);
  return projection;
}

struct CheckOptions {
  bool lint = false;  // --lint: lint the pending revisions too
};

void check(Context& context, const CheckOptions& options) {
  const auto current = context.current_heads_in_graph();
  runtime::Migrator migrator(context.dialect(), context.graph(), context.versions(), context.history());
  const auto pending = migrator.plan(runtime::Direction::upgrade, current, "heads");
  context.graph().load_steps(pending);
  const auto changed = find_changed(context, current);
  auto desired = context.models_to_compare();
  auto projection = project_pending(context, pending, desired);
  // check writes nothing: models that declare no table are reported as differences, not refused.
  const auto difference = runtime::autogenerate(context.dialect(), std::move(desired), std::move(projection.schema),
                                                runtime::AutogenerateOptions{.allow_empty_models = true,
                                                                             .naming = context.config().naming});

  std::vector<std::string> differences;
  for (const auto& op : difference.upgrade) differences.push_back(summarize(op));
  const LintReport lint = options.lint ? lint_revisions(context, pending) : LintReport{};
  const bool clean = pending.empty() && differences.empty() && changed.empty() && lint.errors == 0;
  context.exit_code = clean ? 0 : static_cast<int>(ExitCode::check_failed);

  if (context.json()) {
    util::Json::Array pending_json;
    for (const auto* revision : pending)
      pending_json.push_back(util::Json::Object{{"revision", revision->id}, {"message", revision->message}});
    util::Json::Object document{{"ok", clean},
                                {"pending", std::move(pending_json)},
                                {"differences", util::Json::array_of(differences)},
                                {"changed", changed_json(changed)},
                                {"exact", projection.exact}};
    if (options.lint) document.emplace_back("lint", findings_json(lint));  // only when asked: the shape stays
    context.out << util::Json(std::move(document)).dump() << "\n";
    return;
  }
  if (!pending.empty()) {
    context.out << "Pending revisions (run `dbmig upgrade`):\n";
    for (const auto* revision : pending) context.out << "  " << revision->id << "  " << revision->message << "\n";
  }
  if (!differences.empty()) {
    context.out << "models.yaml differs from the database" << (pending.empty() ? "" : " with the pending revisions applied")
                << " (run `dbmig migrate`):\n";
    for (const auto& line : differences) context.out << "  " << line << "\n";
  }
  if (!changed.empty())
    context.out << "Applied revision files changed since they were applied (restore them, or accept them with `"
                << restamp_command(current) << "`):\n"
                << changed_lines(changed);
  if (lint.errors + lint.warnings > 0) {
    context.out << "Lint findings in the pending revisions (" << lint.errors << " error(s), " << lint.warnings
                << " warning(s); docs/online-migrations.md):\n";
    print_findings(context, lint);
  }
  if (!projection.exact)
    context.err << "warning: pending revisions hold raw SQL steps, which check cannot model; the comparison may be off\n";
  if (clean && !context.options.quiet) context.out << "OK: the database is at head and matches the models\n";
}

}  // namespace

void add_check_command(CLI::App& app, Context& context) {
  auto* command =
      app.add_subcommand("check", "exit 1 if revisions are pending or models.yaml differs from the database");
  auto options = std::make_shared<CheckOptions>();
  command->add_flag("--lint", options->lint,
                    "also lint the pending revisions (as `dbmig lint`): an error-level finding fails the check");
  command->callback([&context, options] { check(context, *options); });
}

}  // namespace dbmig::cli
