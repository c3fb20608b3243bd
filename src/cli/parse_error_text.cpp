#include "cli/parse_error_text.hpp"

#include "cli/suggestion.hpp"

namespace dbmig::cli {

namespace {

std::vector<std::string> command_names(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App* candidate) { return !candidate->get_group().empty(); }))
    names.push_back(sub->get_name());
  return names;
}

void add_option_names(const CLI::App& app, std::vector<std::string>& names) {
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
}

std::string did_you_mean(const std::optional<std::string>& suggestion) {
  return suggestion ? "did you mean '" + *suggestion + "'? " : std::string();
}

}  // namespace

ParseErrorText describe_parse_error(CLI::App& app, const CLI::ParseError& error) {
  const auto selected = app.get_subcommands();
  const CLI::App* command = selected.empty() ? nullptr : selected.front();
  const std::string usage = command ? "dbmig " + command->get_name() + " --help" : std::string("dbmig --help");
  const auto unexpected = app.remaining(/*recurse=*/true);
  if (unexpected.empty()) return {error.what(), "run `" + usage + "` for usage"};

  const std::string& word = unexpected.front();
  if (word.size() > 1 && word[0] == '-') {
    const std::string name = word.substr(0, word.find('='));
    std::vector<std::string> names;
    if (command) add_option_names(*command, names);
    add_option_names(app, names);
    return {"unknown option '" + name + "'" + (command ? " for 'dbmig " + command->get_name() + "'" : std::string()),
            did_you_mean(closest(name, names)) + "run `" + usage + "` for the options"};
  }
  if (!command)
    return {"unknown command '" + word + "'",
            did_you_mean(closest(word, command_names(app))) + "run `dbmig --help` for the commands"};
  return {"unexpected argument '" + word + "' for 'dbmig " + command->get_name() + "'", "run `" + usage + "` for usage"};
}

}  // namespace dbmig::cli
