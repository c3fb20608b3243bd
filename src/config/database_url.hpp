#pragma once
// Database URLs: sqlite:///relative.db, sqlite:////absolute.db, sqlite:///:memory:, each with an
// optional ?mode=ro|rw|rwc, paths percent-decoded; postgresql://user:pass@host:port/db?sslmode=...
// (also postgres://), kept whole for libpq once checked.
#include <string>
#include <string_view>

namespace dbmig::config {

// How a SQLite URL's ?mode= opens the file (SQLite's own URI parameter and values).
enum class SqliteOpenMode {
  read_write_create,  // rwc, the default: created when missing
  read_write,         // rw: the file must exist
  read_only,          // ro: the file must exist and is not written
};

struct DatabaseUrl {
  std::string scheme;       // "sqlite" or "postgresql" (postgres:// is folded into postgresql)
  std::string text;         // the URL as given; holds the password: never print it
  std::string sqlite_path;  // for sqlite: the file path, percent-decoded (relative as written), or ":memory:"
  SqliteOpenMode sqlite_mode = SqliteOpenMode::read_write_create;  // for sqlite: ?mode=

  // The URL with any password replaced by *** (postgresql://user:***@host/db): safe to print.
  std::string masked() const;
};

// Throws dbmig::Error (usage) for a URL that is not one of the forms above, or whose parts are
// wrong (a bad port, a bad %-escape, a parameter libpq or dbmig does not know...); the message
// shows the masked URL only.
DatabaseUrl parse_database_url(std::string_view text);

// Replace a password in any text that may contain the URL (libpq messages, for instance).
std::string mask_password(std::string_view url_or_text);

}  // namespace dbmig::config
