// dbmig init [DIR]: lay down dbmig.yaml, models.yaml, migrations/versions/ and the revision
// template from the templates embedded in the binary. Refuses to overwrite anything.
#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/commands.hpp"
#include "util/error.hpp"
#include "util/templates.hpp"

namespace dbmig::cli {

namespace {

namespace fs = std::filesystem;

struct InitFile {
  fs::path relative_path;
  std::string_view template_name;
};

void write_file(const fs::path& path, std::string_view content) {
  std::ofstream file(path, std::ios::binary);
  file << content;
  if (!file) throw usage_error("cannot write " + path.string());
}

void init(Context& context, const std::string& directory_argument) {
  const fs::path directory =
      directory_argument.empty() ? fs::path(context.options.directory.value_or(".")) : fs::path(directory_argument);
  const InitFile files[] = {
      {"dbmig.yaml", "dbmig.yaml"},
      {"models.yaml", "models.yaml"},
      {fs::path("migrations") / "revision.yaml.tmpl", "revision.yaml.tmpl"},
  };
  // Check everything first so that a refusal leaves nothing half-written.
  for (const auto& file : files)
    if (fs::exists(directory / file.relative_path))
      throw usage_error((directory / file.relative_path).string() + " already exists; dbmig init does not overwrite",
                        std::nullopt, "run init in an empty directory, or remove the file first");
  if (fs::exists(directory / "migrations" / "versions"))
    throw usage_error((directory / "migrations" / "versions").string() + " already exists; dbmig init does not overwrite");

  std::error_code error;
  fs::create_directories(directory / "migrations" / "versions", error);
  if (error) throw usage_error("cannot create " + (directory / "migrations" / "versions").string() + ": " + error.message());
  for (const auto& file : files) write_file(directory / file.relative_path, util::embedded_template(file.template_name));

  if (auto* out = context.progress()) {
    *out << "Created in " << directory.string() << ":\n";
    for (const auto& file : files) *out << "  " << file.relative_path.string() << "\n";
    *out << "  migrations/versions/\n"
         << "Next: declare your tables in models.yaml, then run `dbmig migrate -m \"create tables\"`.\n";
  }
}

}  // namespace

void add_init_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("init", "create dbmig.yaml, models.yaml and migrations/ in DIR (default: .)");
  auto directory = std::make_shared<std::string>();
  command->add_option("dir", *directory, "directory to initialise")->type_name("DIR");
  command->callback([&context, directory] { init(context, *directory); });
}

}  // namespace dbmig::cli
