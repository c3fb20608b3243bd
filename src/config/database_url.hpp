#pragma once
// Database URLs: sqlite:///relative.db, sqlite:////absolute.db, sqlite:///:memory:,
// postgresql://user:pass@host:port/db?sslmode=... (also postgres://).
#include <string>
#include <string_view>

namespace dbmig::config {

struct DatabaseUrl {
  std::string scheme;       // "sqlite" or "postgresql" (postgres:// is folded into postgresql)
  std::string text;         // the URL as given; holds the password: never print it
  std::string sqlite_path;  // for sqlite: the file path (relative paths as written), or ":memory:"

  // The URL with any password replaced by *** (postgresql://user:***@host/db): safe to print.
  std::string masked() const;
};

// Throws dbmig::Error (usage) for a URL that is not one of the forms above; the message shows the
// masked URL only.
DatabaseUrl parse_database_url(std::string_view text);

// Replace a password in any text that may contain the URL (libpq messages, for instance).
std::string mask_password(std::string_view url_or_text);

}  // namespace dbmig::config
