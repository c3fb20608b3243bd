#pragma once
// A scratch project directory holding one dbmig.yaml, removed after the test.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "dialect/registry.hpp"

namespace dbmig::test {

class ScratchProject {
 public:
  explicit ScratchProject(const std::string& config_text) {
    static int counter = 0;
    directory_ = std::filesystem::temp_directory_path() /
                 ("dbmig_config_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    std::filesystem::create_directories(directory_);
    std::ofstream(directory_ / "dbmig.yaml") << config_text;
  }
  ~ScratchProject() {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  ScratchProject(const ScratchProject&) = delete;
  ScratchProject& operator=(const ScratchProject&) = delete;

  std::string directory() const { return directory_.string(); }
  std::string config_file() const { return (directory_ / "dbmig.yaml").string(); }
  config::ConfigOverrides overrides() const {
    return config::ConfigOverrides{std::nullopt, directory(), std::nullopt,
                                   [](const std::string& url) { dialect::parse_database_url(url); }};
  }

 private:
  std::filesystem::path directory_;
};

}  // namespace dbmig::test
