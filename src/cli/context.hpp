#pragma once
// What every command needs, loaded on first use: global options, the configuration, the dialect,
// the connection, the revision graph. Commands ask for what they use and nothing more, so that
// `dbmig history` reads no models and `dbmig init` reads no configuration.
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "dialect/dialect.hpp"
#include "cli/style.hpp"
#include "revision/graph.hpp"
#include "runtime/apply_session.hpp"
#include "runtime/history_store.hpp"
#include "runtime/version_store.hpp"
#include "schema/schema.hpp"

namespace dbmig::cli {

enum class OutputFormat { text, json };

struct GlobalOptions {
  std::optional<std::string> config_file;
  std::optional<std::string> directory;
  std::optional<std::string> url;
  int verbosity = 0;
  bool quiet = false;
  OutputFormat format = OutputFormat::text;
  bool no_color = false;
};

class Context {
 public:
  Context(std::ostream& out_stream, std::ostream& err_stream) : out(out_stream), err(err_stream) {}

  std::ostream& out;
  std::ostream& err;
  GlobalOptions options;
  int exit_code = 0;  // a command sets it when it reports a non-error outcome (check: 1)

  bool json() const { return options.format == OutputFormat::json; }
  // Colours for `out`: only on a terminal, never in JSON, never with --no-color or NO_COLOR.
  Style style() const;

  const config::Config& config();
  const dialect::Dialect& dialect();
  // False for a SQLite file that is not there yet (see Dialect::database_exists).
  bool database_exists();
  // Opens the database (creating a SQLite file if needed).
  dialect::Connection& connection();
  // The revisions the database is at; empty for a database that has no version table or, for
  // commands that only read, a SQLite file that does not exist yet (it is not created).
  std::vector<std::string> current_heads();
  // current_heads(), checked against the graph: a revision the database records but no file has is
  // an error (wrong project directory, or a file deleted after it was applied).
  std::vector<std::string> current_heads_in_graph();
  // The database as runtime/ sessions (apply, stamp) work on it; connects.
  runtime::ApplyTarget apply_target();
  // current_heads() for listings that only mark the current revisions (history, show): a database
  // that cannot be reached is a warning there, not a failure.
  std::vector<std::string> current_heads_for_marks();
  const revision::Graph& graph();
  const runtime::VersionStore& versions();
  const runtime::HistoryStore& history();
  // The declared schema from the models files.
  schema::Schema models();
  // models(), with the database's default schema folded away (`schema: public` on PostgreSQL
  // means the same tables as no schema), ready to diff against introspect().
  schema::Schema models_to_compare();
  // The live schema, version tables left out: the connection's default schema plus `schemas`
  // (the PostgreSQL schemas the models name).
  schema::Schema introspect(const std::vector<std::string>& schemas = {});
  // introspect() as models are compared with it (inspect, migrate, check): the tables other
  // migration tools keep their history in (runtime/other_tools_tables.hpp) left out unless
  // `declared` declares them, with a note on stderr naming them (not with -q).
  schema::Schema introspect_for_models(const schema::Schema* declared, const std::vector<std::string>& schemas = {});
  // The leaving out and the note alone, for a schema read with introspect() and changed since.
  void leave_out_other_tools_tables(schema::Schema& live, const schema::Schema* declared);

  // Progress lines: suppressed by -q and in JSON mode.
  std::ostream* progress();

 private:
  std::optional<config::Config> config_;
  std::optional<config::DatabaseUrl> url_;
  std::unique_ptr<dialect::Dialect> dialect_;
  std::unique_ptr<dialect::Connection> connection_;
  std::optional<revision::Graph> graph_;
  std::optional<runtime::VersionStore> versions_;
  std::optional<runtime::HistoryStore> history_;
};

}  // namespace dbmig::cli
