#pragma once
// What a command line CLI11 refused is told as: the word that was not understood and, for a typo,
// the command or option it was probably meant to be.
#include <string>

#include <CLI/CLI.hpp>

namespace dbmig::cli {

struct ParseErrorText {
  std::string message;  // without "error: "
  std::string hint;     // "did you mean ...?" or where to read the usage
};

// `app` is the root app just after `error` came out of its parse, which leaves what it did not
// understand in the app (CLI11 keeps it until the next parse).
ParseErrorText describe_parse_error(CLI::App& app, const CLI::ParseError& error);

}  // namespace dbmig::cli
