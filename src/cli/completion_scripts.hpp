#pragma once
// Shell completion scripts for bash, zsh and fish, written from the CLI11 definitions
// (cli_outline.hpp) by the hidden `dbmig __completion SHELL`; the build writes them next to the
// binary. Where a revision is expected they ask `dbmig __complete revisions` (cmd_complete.cpp)
// for the ids of the project in the current directory, and offer heads and base.
#include <optional>
#include <string>

#include "cli/cli_outline.hpp"

namespace dbmig::cli {

std::string bash_completion(const CliOutline& cli);
std::string zsh_completion(const CliOutline& cli);
std::string fish_completion(const CliOutline& cli);

// The script for a shell by name ("bash", "zsh", "fish"); nullopt for another name.
std::optional<std::string> completion_script(const CliOutline& cli, const std::string& shell);

}  // namespace dbmig::cli
