// dbmig inspect [-o FILE]: the live database as a models.yaml document (PRODUCT.md section 2), to
// adopt an existing database or to see how the database spells what a model says.
#include <fstream>
#include <ostream>

#include "cli/commands.hpp"
#include "model/model.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

namespace {

// The live schema in the form models are compared in: normalised by the dialect, so that types
// come out generic (string(80), not "character varying(80)") and defaults and expressions in the
// spelling that migrate compares. Version tables are left out by Context::introspect, other
// migration tools' bookkeeping tables by introspect_for_models.
schema::Schema live_schema(Context& context) {
  // A SQLite file that is not there yet is an empty database; inspecting it must not create it.
  if (!context.database_exists()) return {};
  schema::Schema live = context.introspect_for_models(nullptr);
  context.dialect().normalize(live);
  return live;
}

void write_document(const std::string& document, const std::string& file) {
  std::ofstream output(file, std::ios::binary | std::ios::trunc);
  if (!output) throw usage_error("cannot write " + file, std::nullopt, "check that its directory exists and is writable");
  output << document;
  output.close();
  if (!output) throw usage_error("cannot write " + file, std::nullopt, "check the free space and permissions");
}

void inspect(Context& context, const std::string& output_file) {
  const schema::Schema live = live_schema(context);
  const std::string document = model::schema_to_yaml(live, context.config().naming);
  if (output_file.empty()) {
    context.out << document;
    return;
  }
  write_document(document, output_file);
  if (context.json()) {
    context.out << util::Json(util::Json::Object{{"file", output_file},
                                                 {"tables", static_cast<std::int64_t>(live.tables.size())}})
                       .dump()
                << "\n";
  } else if (auto* out = context.progress()) {
    *out << "Wrote " << live.tables.size() << (live.tables.size() == 1 ? " table" : " tables") << " to "
         << output_file << "\n";
  }
}

}  // namespace

void add_inspect_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("inspect", "write models YAML for the live database");
  auto output_file = std::make_shared<std::string>();
  command->add_option("-o,--output", *output_file, "write to FILE instead of standard output")->type_name("FILE");
  command->callback([&context, output_file] { inspect(context, *output_file); });
}

}  // namespace dbmig::cli
