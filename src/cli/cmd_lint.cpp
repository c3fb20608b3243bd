// dbmig lint [REV|RANGE] [--all]: the revision steps that would lock a live PostgreSQL table,
// lose data or break running code (the rules: src/lint/, docs/online-migrations.md). Exit 1 when
// an error-level finding is reported.
#include <algorithm>
#include <ostream>

#include "cli/cli_outline.hpp"
#include "cli/commands.hpp"
#include "cli/lint_report.hpp"
#include "cli/revision_range.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

namespace {

struct LintOptions {
  std::string revisions;  // REV or FROM:TO; empty: the revisions not applied yet
  bool all = false;
};

// The revisions the database has not applied. Reading the version table needs the database; a
// database that cannot be reached is an error here (not a silent "lint everything"), with the
// options that need none.
std::vector<const revision::Revision*> not_applied(Context& context) {
  std::vector<std::string> current;
  try {
    current = context.current_heads_in_graph();
  } catch (const Error& error) {
    if (error.code() != ExitCode::database) throw;
    throw Error(ExitCode::database, "cannot read which revisions are applied: " + error.message(), std::nullopt,
                "lint needs no database with --all or a revision range: `dbmig lint --all`, `dbmig lint base:head`");
  }
  const auto applied = context.graph().applied(current);
  std::vector<const revision::Revision*> pending;
  for (const auto* revision : context.graph().newest_first())
    if (std::find(applied.begin(), applied.end(), revision) == applied.end()) pending.push_back(revision);
  return pending;
}

// The revisions to lint, oldest first (the order they are applied in).
std::vector<const revision::Revision*> chosen_revisions(Context& context, const LintOptions& options) {
  if (options.all && !options.revisions.empty())
    throw usage_error("give either --all or a revision, not both", std::nullopt,
                      "`dbmig lint --all`, `dbmig lint REV` or `dbmig lint FROM:TO`");
  std::vector<const revision::Revision*> revisions;
  if (options.all) {
    revisions = context.graph().newest_first();
  } else if (options.revisions.empty()) {
    revisions = not_applied(context);
  } else if (options.revisions.find(':') != std::string::npos) {
    revisions = revisions_in_range(context, options.revisions);
  } else {
    for (const auto& id : context.graph().resolve_names(options.revisions))
      revisions.push_back(&context.graph().get(id));
    return revisions;  // sorted by id; a name stands for one revision unless it is `heads`
  }
  std::reverse(revisions.begin(), revisions.end());
  return revisions;
}

void print_summary(Context& context, const LintReport& report) {
  if (context.options.quiet) return;
  const std::size_t count = report.revisions.size();
  context.out << count << (count == 1 ? " revision" : " revisions") << " linted: " << report.errors
              << (report.errors == 1 ? " error" : " errors") << ", " << report.warnings
              << (report.warnings == 1 ? " warning" : " warnings") << "\n";
}

void lint_command(Context& context, const LintOptions& options) {
  const LintReport report = lint_revisions(context, chosen_revisions(context, options));
  if (context.json()) {
    util::Json::Array ids;
    for (const auto& each : report.revisions) ids.emplace_back(each.revision->id);
    context.out << util::Json(util::Json::Object{{"revisions", std::move(ids)},
                                                 {"findings", findings_json(report)},
                                                 {"errors", report.errors},
                                                 {"warnings", report.warnings}})
                       .dump()
                << "\n";
  } else {
    print_findings(context, report);
    print_summary(context, report);
  }
  if (report.errors > 0) context.exit_code = static_cast<int>(ExitCode::check_failed);
}

}  // namespace

void add_lint_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "lint", "report revision steps that would lock a live PostgreSQL table, lose data or break running code");
  auto options = std::make_shared<LintOptions>();
  command->add_option("revisions", options->revisions,
                      "a revision (id, prefix, label, head, heads) or FROM:TO as history -r takes; default: the "
                      "revisions not applied to the database")
      ->type_name(revision_value_name);
  command->add_flag("--all", options->all, "every revision; needs no database");
  command->callback([&context, options] { lint_command(context, *options); });
}

}  // namespace dbmig::cli
