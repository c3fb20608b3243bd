#include "cli/help_formatter.hpp"

namespace dbmig::cli {

namespace {

class HelpFormatter : public CLI::Formatter {
 public:
  // A command's footer (the root's, which CLI11 copies) comes after the global options.
  std::string make_footer(const CLI::App* app) const override {
    const CLI::App* parent = app->get_parent();
    if (!parent) return CLI::Formatter::make_footer(app);
    return make_group("Global options (before or after the command)", false, global_options(*parent)) + "\n" +
           CLI::Formatter::make_footer(app);
  }
};

}  // namespace

std::shared_ptr<CLI::Formatter> make_help_formatter() { return std::make_shared<HelpFormatter>(); }

std::vector<const CLI::Option*> global_options(const CLI::App& root) {
  return root.get_options([&root](const CLI::Option* option) {
    return option != root.get_help_ptr() && option != root.get_version_ptr();
  });
}

}  // namespace dbmig::cli
