#include "cli/context.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include "dialect/registry.hpp"
#include "model/model.hpp"
#include "runtime/other_tools_tables.hpp"
#include "runtime/progress_store.hpp"
#include "util/error.hpp"

namespace dbmig::cli {

const config::Config& Context::config() {
  if (!config_) {
    config_ = config::load_config(config::ConfigOverrides{options.config_file, options.directory, options.url,
                                                           [](const std::string& url) { dialect::parse_database_url(url); }});
    url_ = dialect::parse_database_url(config_->database_url);
    url_->base_directory = config_->base_directory;
    dialect_ = dialect::make_dialect(*url_);
  }
  return *config_;
}

const dialect::Dialect& Context::dialect() {
  config();  // which picks the dialect from the URL
  return *dialect_;
}

dialect::Connection& Context::connection() {
  if (!connection_) {
    const auto& chosen = dialect();  // reads the configuration, which sets url_
    spdlog::info("database: {}", url_->masked());
    connection_ = chosen.connect(*url_);
  }
  return *connection_;
}

const runtime::VersionStore& Context::versions() {
  if (!versions_) versions_.emplace(dialect(), config().version_table);
  return *versions_;
}

const runtime::HistoryStore& Context::history() {
  if (!history_) history_.emplace(dialect(), runtime::history_table_name(config().version_table));
  return *history_;
}

Style Context::style() const {
  const char* no_color = std::getenv("NO_COLOR");  // no-color.org: set and not empty
  const bool terminal = &out == &std::cout && isatty(STDOUT_FILENO) == 1;
  return Style(terminal && !json() && !options.no_color && !(no_color && *no_color));
}

bool Context::database_exists() { return connection_ || dialect().database_exists(*url_); }

std::vector<std::string> Context::current_heads() {
  if (!database_exists()) return {};
  return versions().read(connection());
}

std::vector<std::string> Context::current_heads_in_graph() {
  auto heads = current_heads();
  for (const auto& id : heads)
    if (!graph().contains(id))
      throw usage_error("the database is at revision " + id + ", which no file in " + config().versions_dir().string() +
                            " has",
                        std::nullopt,
                        "check that you are in the right project; `dbmig stamp` can reset the version table");
  return heads;
}

runtime::ApplyTarget Context::apply_target() {
  return runtime::ApplyTarget{dialect(), connection(), graph(), versions(), history(),
                              [this] { return current_heads_in_graph(); }, [this] { return introspect(); }};
}

std::vector<std::string> Context::current_heads_for_marks() {
  try {
    return current_heads();
  } catch (const Error& error) {
    if (error.code() != ExitCode::database) throw;
    if (!options.quiet) err << "warning: cannot mark the current revision: " << error.message() << "\n";
    return {};
  }
}

const revision::Graph& Context::graph() {
  if (!graph_) {
    const auto directory = config().versions_dir();
    if (!std::filesystem::is_directory(directory))
      throw usage_error("no revision directory at " + directory.string(), std::nullopt,
                        "run `dbmig init` to create it, or set `migrations:` in dbmig.yaml");
    graph_ = revision::Graph::load(directory, config().naming);
  }
  return *graph_;
}

schema::Schema Context::models() {
  return model::load_files(config().model_files(), config().naming, model::NameRules{dialect().names_fold_case()});
}

schema::Schema Context::models_to_compare() {
  auto desired = models();
  // Only a database that exists can be asked; one that does not has no tables to compare with.
  if (database_exists()) desired.fold_schema(dialect().default_schema(connection()));
  return desired;
}

schema::Schema Context::introspect(const std::vector<std::string>& schemas) {
  return dialect().introspect_schemas(
      connection(),
      {config().version_table, history().table(), runtime::progress_table_name(config().version_table)}, schemas);
}

schema::Schema Context::introspect_for_models(const schema::Schema* declared, const std::vector<std::string>& schemas) {
  schema::Schema live = introspect(schemas);
  leave_out_other_tools_tables(live, declared);
  return live;
}

void Context::leave_out_other_tools_tables(schema::Schema& live, const schema::Schema* declared) {
  const auto left_out = runtime::leave_out_other_tools_tables(live, declared);
  if (!left_out.empty() && !options.quiet)
    err << style().warning("note: ") << "left out " << runtime::describe(left_out)
        << ": another migration tool's bookkeeping, not part of the models (declare a table in the models to manage it "
           "with dbmig; drop it once you have switched)\n";
}

std::ostream* Context::progress() { return options.quiet || json() ? nullptr : &out; }

}  // namespace dbmig::cli
