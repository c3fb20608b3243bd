// dbmig verify [--url SCRATCH_URL] [RANGE]: the stairway test (runtime/stairway) on a scratch
// database, never the configured one: --url's or, for a SQLite project, a temporary file removed
// afterwards. Then the schema at head is compared with the models as `check` does.
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string_view>
#include <unordered_set>

#include "cli/apply_safety.hpp"
#include "cli/commands.hpp"
#include "cli/op_summary.hpp"
#include "cli/revision_range.hpp"
#include "config/database_url.hpp"
#include "runtime/autogenerate.hpp"
#include "runtime/os_user.hpp"
#include "runtime/stairway.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

namespace {

using runtime::StairwayStatus;

struct VerifyArguments {
  std::optional<std::string> range;
  bool strict = false;
  bool force = false;
};

// A directory of its own under the system's temporary directory, removed with what is in it.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "dbmig-verify-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw usage_error("cannot create a temporary directory for the scratch database in " +
                            std::filesystem::temp_directory_path().string(),
                        std::nullopt, "set TMPDIR to a writable directory, or give a scratch database with --url");
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  // sqlite:////tmp/dbmig-verify-abc123/scratch.db, the path percent-encoded where a URL needs it.
  std::string sqlite_url() const {
    std::string url = "sqlite:///";
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const unsigned char c : (path_ / "scratch.db").string()) {
      if (std::isalnum(c) || std::string_view("/-._~").find(static_cast<char>(c)) != std::string_view::npos) {
        url += static_cast<char>(c);
      } else {
        url += '%';
        url += hex[c >> 4];
        url += hex[c & 15];
      }
    }
    return url;
  }

 private:
  std::filesystem::path path_;
};

// The revisions to upgrade (all from base, or up to the top of RANGE) and which of them to test.
struct Selection {
  std::vector<const revision::Revision*> plan;
  std::unordered_set<std::string> tested;  // empty: all
  bool reaches_heads = true;
};

Selection select_revisions(Context& scratch, const std::optional<std::string>& range) {
  Selection selection;
  selection.plan = scratch.graph().upgrade_plan({}, "heads");
  if (!range) return selection;
  for (const auto* revision : revisions_in_range(scratch, *range)) selection.tested.insert(revision->id);
  if (selection.tested.empty())
    throw usage_error("no revision is in the range '" + *range + "'", std::nullopt,
                      "see `dbmig history` for the revisions; FROM must be below TO");
  auto last = selection.plan.end();
  while (!selection.tested.contains((*(last - 1))->id)) --last;
  selection.reaches_heads = last == selection.plan.end();
  selection.plan.erase(last, selection.plan.end());
  return selection;
}

std::vector<std::string> summaries(const std::vector<ops::Op>& ops) {
  std::vector<std::string> lines;
  for (const auto& op : ops) lines.push_back(summarize(op));
  return lines;
}

// What a problem says, in words, before its list of differences (if any).
std::string describe(const runtime::StairwayProblem& problem) {
  if (!problem.error.empty()) {
    if (problem.phase == "upgrade again") return "upgrading it again after its downgrade failed: " + problem.error;
    if (problem.phase == "downgrade" && problem.error.starts_with("its downgrade")) return problem.error;
    return problem.phase + " failed: " + problem.error;
  }
  if (problem.phase == "compare")
    return "its downgrade does not give back the schema from before its upgrade; what it would take to get it back:";
  return "upgrading it again gives another schema than its first upgrade; what it would take to get that back:";
}

const char* status_label(StairwayStatus status) {
  switch (status) {
    case StairwayStatus::pass: return "pass        ";
    case StairwayStatus::fail: return "FAIL        ";
    case StairwayStatus::no_downgrade: return "no downgrade";
    case StairwayStatus::applied: return "applied     ";
    case StairwayStatus::not_reached: return "not reached ";
  }
  return "";
}

void print_result(Context& context, const runtime::StairwayResult& result) {
  const bool failed = result.status == StairwayStatus::fail;
  if (context.json() || (context.options.quiet && !failed)) return;
  const auto style = context.style();
  const std::string label = status_label(result.status);
  auto& out = context.out;
  out << "  " << (failed ? style.failure(label) : result.status == StairwayStatus::pass ? label : style.warning(label))
      << "  " << style.id(result.revision->id) << "  " << result.revision->message;
  if (result.status == StairwayStatus::no_downgrade)
    out << "\n      its downgrade is a `fail` step (" << config::mask_password(result.note)
        << "): no downgrade can go below it (--strict makes this a failure)";
  if (result.status == StairwayStatus::applied) out << "  (below the range: upgraded, not tested)";
  out << "\n";
  for (const auto& problem : result.problems) {
    out << "      " << config::mask_password(describe(problem)) << "\n";
    for (const auto& line : summaries(problem.differences)) out << "        " << line << "\n";
  }
}

util::Json result_json(const runtime::StairwayResult& result) {
  util::Json::Array problems;
  for (const auto& problem : result.problems)
    problems.push_back(util::Json::Object{
        {"phase", problem.phase},
        {"error", problem.error.empty() ? util::Json() : util::Json(config::mask_password(problem.error))},
        {"differences", util::Json::array_of(summaries(problem.differences))}});
  return util::Json::Object{{"revision", result.revision->id},
                            {"message", result.revision->message},
                            {"status", runtime::status_name(result.status)},
                            {"problems", std::move(problems)},
                            {"note", result.note.empty() ? util::Json() : util::Json(result.note)}};
}

// With --force the scratch database held tables before verify began: they are not the revisions'
// work, so the models are not asked to declare them (unless they do).
void leave_out_tables_at_start(schema::Schema& live, const schema::Schema& at_start, const schema::Schema& desired) {
  std::erase_if(live.tables, [&](const schema::Table& table) {
    return at_start.find_table(table.name, table.schema) && !desired.find_table(table.name, table.schema);
  });
}

struct Counts {
  int passed = 0, failed = 0, no_downgrade = 0, not_reached = 0;
};

Counts count(const runtime::StairwayOutcome& outcome) {
  Counts counts;
  for (const auto& result : outcome.results) {
    if (result.status == StairwayStatus::pass) ++counts.passed;
    if (result.status == StairwayStatus::fail) ++counts.failed;
    if (result.status == StairwayStatus::no_downgrade) ++counts.no_downgrade;
    if (result.status == StairwayStatus::not_reached) ++counts.not_reached;
  }
  return counts;
}

void verify(Context& context, const VerifyArguments& arguments) {
  // Without --url: a temporary SQLite file for a SQLite project; a server database must be named.
  std::optional<TemporaryDirectory> temporary;
  std::optional<Context> own;
  Context* scratch = &context;
  if (!context.options.url) {
    const std::string dialect(context.dialect().name());
    if (dialect != "sqlite")
      throw usage_error("verify needs a scratch database for this " + dialect + " project: give one with --url",
                        std::nullopt,
                        "create an empty database for it (verify creates and drops tables there, so never the "
                        "configured one), e.g. `dbmig verify --url " + dialect + "://localhost/app_verify`");
    temporary.emplace();
    own.emplace(context.out, context.err);
    own->options = context.options;
    own->options.url = temporary->sqlite_url();
    scratch = &*own;
  }
  Context& database = *scratch;
  const Selection selection = select_revisions(database, arguments.range);
  schema::Schema desired = database.models_to_compare();  // connects; bad models stop verify first
  const auto schemas = desired.schema_names();
  const runtime::ApplyTarget target{database.dialect(), database.connection(), database.graph(), database.versions(),
                                    database.history(), [&database] { return database.current_heads_in_graph(); },
                                    [&database, &schemas] { return database.introspect(schemas); }};

  const std::string where = temporary ? "a temporary SQLite database"
                                      : config::mask_password(database.config().database_url);
  // Said with the first result, so that a refused scratch database prints only the error.
  auto say_what_runs = [&database, &selection, &where, said = false]() mutable {
    auto* out = database.progress();
    if (said || !out) return;
    said = true;
    const std::size_t tested = selection.tested.empty() ? selection.plan.size() : selection.tested.size();
    *out << "Verifying " << tested << " revision(s) on " << where;
    if (tested < selection.plan.size()) *out << " (" << selection.plan.size() - tested << " below the range upgraded first)";
    *out << ": each upgraded, downgraded, compared, upgraded again\n";
  };

  runtime::StairwayRequest request;
  request.plan = selection.plan;
  if (!selection.tested.empty())
    request.tested = [&selection](const revision::Revision& revision) { return selection.tested.contains(revision.id); };
  request.strict = arguments.strict;
  request.force = arguments.force;
  request.naming = database.config().naming;
  request.lock_wait = lock_wait(default_lock_timeout_seconds);
  request.session_statements = session_statements(database, {});
  request.os_user = runtime::os_user_name();
  request.online = database.config().online;
  request.on_result = [&](const runtime::StairwayResult& result) {
    say_what_runs();
    print_result(database, result);
  };
  const runtime::StairwayOutcome outcome = runtime::run_stairway(target, request);

  // The models, as `check` compares them, once the stairway reached the heads.
  const bool compare_models = outcome.stopped.empty() && selection.reaches_heads;
  std::vector<std::string> model_differences;
  if (compare_models) {
    auto live = database.introspect_for_models(&desired, schemas);
    leave_out_tables_at_start(live, outcome.at_start, desired);
    model_differences = summaries(
        runtime::autogenerate(database.dialect(), std::move(desired), std::move(live),
                              runtime::AutogenerateOptions{.allow_empty_models = true, .naming = request.naming})
            .upgrade);
  }
  const bool ok = !outcome.failed() && model_differences.empty();
  context.exit_code = ok ? 0 : static_cast<int>(ExitCode::check_failed);

  if (context.json()) {
    util::Json::Array results;
    for (const auto& result : outcome.results) results.push_back(result_json(result));
    context.out << util::Json(util::Json::Object{
                       {"ok", ok},
                       {"database", where},
                       {"revisions", std::move(results)},
                       {"stopped", outcome.stopped.empty() ? util::Json() : util::Json(outcome.stopped)},
                       {"dirty", outcome.dirty},
                       {"models", util::Json::Object{{"compared", compare_models},
                                                     {"differences", util::Json::array_of(model_differences)}}}})
                       .dump()
                << "\n";
    return;
  }
  auto& out = context.out;
  const auto style = context.style();
  if (!outcome.stopped.empty()) out << style.failure("Stopped: ") << outcome.stopped << "\n";
  if (!model_differences.empty()) {
    out << "models.yaml differs from the schema the revisions build (run `dbmig migrate`):\n";
    for (const auto& line : model_differences) out << "  " << line << "\n";
  }
  if (context.options.quiet) return;
  if (compare_models && model_differences.empty()) out << "The schema at head matches models.yaml\n";
  if (!compare_models)
    out << "models.yaml not compared: "
        << (outcome.stopped.empty() ? "the range stops below the heads" : "the stairway did not reach the heads")
        << "\n";
  const Counts counts = count(outcome);
  out << (ok ? "OK: " : "FAILED: ") << counts.passed << " passed, " << counts.failed << " failed, "
      << counts.no_downgrade << " without a downgrade";
  if (counts.not_reached > 0) out << ", " << counts.not_reached << " not reached";
  out << "\n";
}

}  // namespace

void add_verify_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "verify",
      "stairway test on a scratch database: for each revision upgrade, downgrade, compare the schema, upgrade "
      "again; then compare with models.yaml");
  auto arguments = std::make_shared<VerifyArguments>();
  command->add_option("range", arguments->range,
                      "FROM:TO: test only these revisions (those below are upgraded without a test); default: all");
  // The global --url, also accepted after the command: here it names the scratch database.
  command->add_option("--url", context.options.url,
                      "the scratch database (never the configured one is used); required for PostgreSQL and MySQL "
                      "projects, a temporary SQLite file, removed afterwards, for SQLite ones");
  command->add_flag("--strict", arguments->strict,
                    "a revision whose downgrade is a `fail` step fails instead of passing as \"no downgrade\"");
  command->add_flag("--force", arguments->force, "run on a scratch database that has tables other than dbmig's own");
  command->footer(
      "Exit codes: 0 every revision passed, 1 a revision failed or models.yaml differs, 2 bad usage or a scratch "
      "database that is not empty, 3 database error (connect).");
  command->callback([&context, arguments] { verify(context, *arguments); });
}

}  // namespace dbmig::cli
