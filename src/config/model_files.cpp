// Config::model_files: the `models` entries of dbmig.yaml as paths, globs expanded.
#include <glob.h>

#include <algorithm>

#include "config/config.hpp"
#include "util/error.hpp"

namespace dbmig::config {

namespace fs = std::filesystem;

namespace {

bool is_glob(std::string_view pattern) { return pattern.find_first_of("*?[") != std::string_view::npos; }

// POSIX glob(3): the matches of a pattern, sorted byte-wise so the order never depends on locale.
std::vector<fs::path> glob_matches(const fs::path& pattern) {
  glob_t matches{};
  const int status = glob(pattern.c_str(), 0, nullptr, &matches);
  std::vector<fs::path> out;
  if (status == 0)
    for (std::size_t i = 0; i < matches.gl_pathc; ++i) out.emplace_back(matches.gl_pathv[i]);
  globfree(&matches);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<fs::path> Config::model_files() const {
  std::vector<fs::path> files;
  const auto add = [&files](fs::path path) {
    path = path.lexically_normal();
    if (std::find(files.begin(), files.end(), path) == files.end()) files.push_back(std::move(path));
  };
  for (const auto& entry : models) {
    const fs::path path = base_directory / entry;
    if (is_glob(entry)) {
      const auto matches = glob_matches(path);
      if (matches.empty())
        throw usage_error("the models pattern '" + entry + "' matches no file in '" + base_directory.string() + "'",
                          std::nullopt, "check `models` in dbmig.yaml; patterns are relative to its directory");
      for (const auto& match : matches) add(match);
    } else {
      std::error_code ignored;
      if (!fs::is_regular_file(path, ignored))
        throw usage_error("models file '" + path.lexically_normal().string() + "' does not exist", std::nullopt,
                          "create it (`dbmig init` lays down a starting models.yaml) or fix `models` in dbmig.yaml");
      add(path);
    }
  }
  return files;
}

}  // namespace dbmig::config
