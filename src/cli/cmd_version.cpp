// dbmig version: the same as --version (cli/version_text.hpp), and in JSON with --format json.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/version_text.hpp"

namespace dbmig::cli {

void add_version_command(CLI::App& app, Context& context) {
  app.add_subcommand("version", "show dbmig's version, the commit it was built from and its client libraries' versions")
      ->callback([&context] {
        if (context.json())
          context.out << version_json().dump() << "\n";
        else
          context.out << version_text();
      });
}

}  // namespace dbmig::cli
