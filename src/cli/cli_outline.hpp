#pragma once
// The command line as CLI11 defines it, read back as plain data: what the man page and the shell
// completions are generated from, so that they say what --help says.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace dbmig::cli {

// The value name an option or positional taking revisions shows (`target REV`); the completions
// offer the project's revision ids, heads and base there.
inline constexpr const char* revision_value_name = "REV";

// What a shell can offer for an option's value, read from its value name: REV, FILE, DIR, or
// words joined by '|' (text|json).
enum class ValueKind { none, revision, file, directory, words, other };

struct OptionOutline {
  std::vector<std::string> names;  // "-c", "--config"; a positional's one name ("target")
  bool positional = false;
  bool required = false;
  bool repeatable = false;  // a positional taking several values
  std::string value_name;   // "FILE", "REV", "text|json"; empty for a flag
  ValueKind kind = ValueKind::none;
  std::vector<std::string> words;  // for ValueKind::words
  std::string description;
};

struct CommandOutline {
  std::string name;
  std::string description;
  std::vector<OptionOutline> options;  // its own, --help first, positionals last
};

struct CliOutline {
  std::string description;
  std::string footer;
  std::vector<OptionOutline> global_options;  // the root's, --help and --version included
  std::vector<CommandOutline> commands;       // the visible ones, in definition order
};

CliOutline outline(CLI::App& root);

}  // namespace dbmig::cli
