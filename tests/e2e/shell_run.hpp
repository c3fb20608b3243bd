#pragma once
// A shell command's exit code and output, for the tests that run the real binary or other tools.
#include <array>
#include <cstdio>
#include <string>
#include <utility>

#include <sys/wait.h>

namespace dbmig::test {

// Runs `command` with sh; stderr joins stdout when the command says 2>&1.
inline std::pair<int, std::string> run_shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::string output;
  std::array<char, 4096> buffer{};
  while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace dbmig::test
