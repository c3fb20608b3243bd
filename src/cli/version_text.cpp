#include "cli/version_text.hpp"

#include "cli/build_info.hpp"
#include "dialect/registry.hpp"

namespace dbmig::cli {

namespace {

constexpr const char* not_installed = "not installed";

}  // namespace

std::string version_text() {
  std::string text = std::string("dbmig ") + DBMIG_VERSION + " (commit " + build_commit + ")\n";
  for (const auto& entry : dialect::registered_dialects()) {
    const auto version = entry.client_library_version();
    text += std::string(entry.client_library) + " " + version.value_or(not_installed) + " (" + std::string(entry.name) +
            ")\n";
  }
  return text;
}

util::Json version_json() {
  util::Json::Array libraries;
  for (const auto& entry : dialect::registered_dialects()) {
    const auto version = entry.client_library_version();
    libraries.push_back(util::Json::Object{{"dialect", std::string(entry.name)},
                                           {"library", std::string(entry.client_library)},
                                           {"version", version ? util::Json(*version) : util::Json(nullptr)}});
  }
  return util::Json::Object{
      {"version", DBMIG_VERSION}, {"commit", build_commit}, {"client_libraries", std::move(libraries)}};
}

}  // namespace dbmig::cli
