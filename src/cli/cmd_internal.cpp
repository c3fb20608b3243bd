// The hidden commands the build and the shells call (not in --help):
//   dbmig __man                    dbmig(1) in roff (man_page.hpp); the build writes build/dbmig.1
//   dbmig __completion SHELL       the completion script for bash, zsh or fish (completion_scripts.hpp)
//   dbmig __complete revisions     the project's revision ids, one a line, for those scripts; nothing,
//                                  and exit 0, where there is no project or it cannot be read
#include <exception>
#include <ostream>

#include "cli/cli_outline.hpp"
#include "cli/commands.hpp"
#include "cli/completion_scripts.hpp"
#include "cli/man_page.hpp"
#include "util/error.hpp"

namespace dbmig::cli {

namespace {

void print_revision_ids(Context& context) {
  try {
    for (const auto* revision : context.graph().newest_first()) context.out << revision->id << "\n";
  } catch (const std::exception&) {
    // A completion offers what it can: outside a project there is nothing to offer, and an error
    // message would be printed over the user's command line.
  }
}

}  // namespace

void add_internal_commands(CLI::App& app, Context& context) {
  app.add_subcommand("__man", "")->group("")->callback([&app, &context] {
    context.out << man_page(outline(app), DBMIG_VERSION);
  });

  auto* completion = app.add_subcommand("__completion", "")->group("");
  auto shell = std::make_shared<std::string>();
  completion->add_option("shell", *shell)->required();
  completion->callback([&app, &context, shell] {
    const auto script = completion_script(outline(app), *shell);
    if (!script) throw usage_error("no completion for the shell '" + *shell + "'", std::nullopt, "use bash, zsh or fish");
    context.out << *script;
  });

  auto* complete = app.add_subcommand("__complete", "")->group("");
  auto what = std::make_shared<std::string>();
  complete->add_option("what", *what)->required();
  complete->callback([&context, what] {
    if (*what == "revisions") print_revision_ids(context);
  });
}

}  // namespace dbmig::cli
