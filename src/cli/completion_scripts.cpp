#include "cli/completion_scripts.hpp"

namespace dbmig::cli {

std::optional<std::string> completion_script(const CliOutline& cli, const std::string& shell) {
  if (shell == "bash") return bash_completion(cli);
  if (shell == "zsh") return zsh_completion(cli);
  if (shell == "fish") return fish_completion(cli);
  return std::nullopt;
}

}  // namespace dbmig::cli
