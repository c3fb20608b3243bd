#pragma once
// Database URLs as the configuration gives them: `scheme://...`, kept whole. Which schemes exist
// and what their URLs may hold is each dialect's business (dialect/registry.hpp parses and checks
// them); this file knows only what every URL has: a scheme, a text that may hold a password, and
// the project directory a relative path in it is relative to.
#include <filesystem>
#include <string>
#include <string_view>

namespace dbmig::config {

struct DatabaseUrl {
  std::string dialect;  // the registered dialect the scheme selects ("sqlite", "postgresql", ...)
  std::string text;     // the URL as given; holds the password: never print it
  std::filesystem::path base_directory;  // the project directory; empty: the working directory

  // The URL with any password replaced by *** (postgresql://user:***@host/db): safe to print.
  std::string masked() const;
};

// Replace a password in any text that may contain the URL (libpq messages, for instance).
std::string mask_password(std::string_view url_or_text);

}  // namespace dbmig::config
