// Fuzz target: dbmig.yaml (config/config.cpp), ${VAR} expansion and the database URL it names.
// load_config reads a file, so each input is written to one file in a temporary directory of this
// process; DATABASE_URL is unset so that the file's database_url is the one read.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/config.hpp"
#include "dialect/registry.hpp"
#include "fuzz_support.hpp"
#include "util/error.hpp"

namespace {

namespace fs = std::filesystem;

struct ScratchFile {
  fs::path directory = fs::temp_directory_path() / ("dbmig-fuzz-config-" + std::to_string(::getpid()));
  fs::path file = directory / "dbmig.yaml";
  ScratchFile() {
    fs::create_directories(directory);
    ::unsetenv("DATABASE_URL");
  }
  ~ScratchFile() {
    std::error_code ignored;
    fs::remove_all(directory, ignored);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ScratchFile scratch;
  {
    std::ofstream out(scratch.file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const dbmig::config::Config config = dbmig::config::load_config(
        {scratch.file.string(), std::nullopt, std::nullopt, [](const std::string& url) { dbmig::dialect::parse_database_url(url); }});
    dbmig::dialect::parse_database_url(config.database_url).masked();
  } catch (const dbmig::Error&) {
  }
  return 0;
}
