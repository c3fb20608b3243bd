// dbmig migrate -m MSG: autogenerate a revision from the difference between models.yaml and the
// live database.
#include <algorithm>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/op_summary.hpp"
#include "cli/revision_writer.hpp"
#include "runtime/autogenerate.hpp"
#include "runtime/rewrite_warnings.hpp"
#include "util/error.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

namespace dbmig::cli {

namespace {

// Autogenerate compares against the live database, so the database must be at the head: otherwise
// the new revision would repeat what the pending ones do. A revision the project has no file for
// is named as such, as check names it.
void require_database_at_head(Context& context) {
  auto current = context.current_heads_in_graph();
  auto heads = context.graph().heads();
  std::sort(current.begin(), current.end());
  std::sort(heads.begin(), heads.end());
  if (current != heads)
    throw Error(ExitCode::check_failed,
                "the database is not up to date (at " + (current.empty() ? std::string("base") : util::join(current, ", ")) +
                    ", head is " + util::join(heads, ", ") + ")",
                std::nullopt, "run `dbmig upgrade` first, then `dbmig migrate` again");
}

struct MigrateArguments {
  std::string message;
  runtime::AutogenerateOptions autogenerate;
};

void migrate(Context& context, const MigrateArguments& arguments) {
  const auto parents = parent_for_new_revision(context);
  require_database_at_head(context);
  auto desired = context.models_to_compare();
  auto live = context.introspect_for_models(&desired, desired.schema_names());
  runtime::AutogenerateOptions options = arguments.autogenerate;
  options.naming = context.config().naming;
  auto result = runtime::autogenerate(context.dialect(), std::move(desired), std::move(live), options);
  if (context.dialect().warns_of_table_rewrites()) {
    const auto estimate = [&context](const ops::TableName& table) {
      return context.dialect().estimated_rows(context.connection(), table);
    };
    for (auto& warning : runtime::table_rewrite_warnings(result.upgrade, estimate))
      result.warnings.push_back(std::move(warning));
  }

  for (const auto& warning : result.warnings)
    if (!context.options.quiet) context.err << "warning: " << warning << "\n";

  if (result.empty()) {
    if (context.json())
      context.out << util::Json(util::Json::Object{{"file", nullptr},
                                                   {"revision", nullptr},
                                                   {"ops", util::Json::Array{}},
                                                   {"warnings", util::Json::array_of(result.warnings)}})
                         .dump()
                  << "\n";
    else if (!context.options.quiet)
      context.out << "No changes detected\n";
    return;
  }

  revision::Revision revision;
  revision.down_revisions = parents;
  revision.message = arguments.message;
  revision.upgrade = std::move(result.upgrade);
  revision.downgrade = std::move(result.downgrade);
  revision = write_new_revision(context, std::move(revision), result.warnings);
  const auto& path = revision.path;

  std::vector<std::string> summaries;
  for (const auto& op : revision.upgrade) summaries.push_back(summarize(op));
  if (context.json()) {
    context.out << util::Json(util::Json::Object{{"file", path.string()},
                                                 {"revision", revision.id},
                                                 {"ops", util::Json::array_of(summaries)},
                                                 {"warnings", util::Json::array_of(result.warnings)}})
                       .dump()
                << "\n";
  } else if (auto* out = context.progress()) {
    *out << "Generated " << path.string() << "\n";
    for (const auto& line : summaries) *out << "  " << line << "\n";
  }
}

}  // namespace

void add_migrate_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("migrate", "autogenerate a revision from models.yaml vs the live database");
  auto arguments = std::make_shared<MigrateArguments>();
  command->add_option("-m,--message", arguments->message, "what the revision does")->required();
  command->add_flag("--allow-empty-models", arguments->autogenerate.allow_empty_models,
                    "the models declare no table on purpose: write a revision that drops every table");
  command->callback([&context, arguments] { migrate(context, *arguments); });
}

}  // namespace dbmig::cli
