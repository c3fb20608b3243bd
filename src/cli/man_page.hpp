#pragma once
// dbmig(1) in roff, a section per command, written from the CLI11 definitions (cli_outline.hpp)
// by the hidden `dbmig __man`; the build writes it to build/dbmig.1.
#include <string>

#include "cli/cli_outline.hpp"

namespace dbmig::cli {

std::string man_page(const CliOutline& cli, const std::string& version);

}  // namespace dbmig::cli
