#include "cli/cli_outline.hpp"

#include <algorithm>
#include <utility>

namespace dbmig::cli {

namespace {

ValueKind kind_of(const std::string& value_name) {
  if (value_name.empty()) return ValueKind::none;
  if (value_name == revision_value_name) return ValueKind::revision;
  if (value_name == "FILE") return ValueKind::file;
  if (value_name == "DIR") return ValueKind::directory;
  if (value_name.find('|') != std::string::npos) return ValueKind::words;
  return ValueKind::other;
}

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t bar = std::min(text.find('|', start), text.size());
    words.push_back(text.substr(start, bar - start));
    start = bar + 1;
  }
  return words;
}

OptionOutline outline_of(const CLI::Option& option) {
  OptionOutline result;
  result.positional = !option.nonpositional();
  if (result.positional) {
    result.names.push_back(option.get_name());
  } else {
    for (const auto& name : option.get_snames()) result.names.push_back("-" + name);
    for (const auto& name : option.get_lnames()) result.names.push_back("--" + name);
  }
  result.required = option.get_required();
  result.repeatable = result.positional && option.get_items_expected_max() > 1;
  if (option.get_type_size_max() > 0) result.value_name = option.get_type_name();
  result.kind = kind_of(result.value_name);
  if (result.kind == ValueKind::words) result.words = split_words(result.value_name);
  result.description = option.get_description();
  return result;
}

std::vector<OptionOutline> outlines(const std::vector<const CLI::Option*>& options) {
  std::vector<OptionOutline> result;
  for (const CLI::Option* option : options) result.push_back(outline_of(*option));
  std::stable_partition(result.begin(), result.end(), [](const OptionOutline& o) { return !o.positional; });
  return result;
}

}  // namespace

CliOutline outline(CLI::App& root) {
  CliOutline result;
  result.description = root.get_description();
  result.footer = root.get_footer();
  result.global_options = outlines(std::as_const(root).get_options());
  for (CLI::App* command : root.get_subcommands([](CLI::App* sub) { return !sub->get_group().empty(); }))
    result.commands.push_back(CommandOutline{command->get_name(), command->get_description(), outlines(std::as_const(*command).get_options())});
  return result;
}

}  // namespace dbmig::cli
