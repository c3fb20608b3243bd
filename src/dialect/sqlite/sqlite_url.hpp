#pragma once
// SQLite URLs: sqlite:///relative.db, sqlite:////absolute.db, sqlite:///:memory:, each with an
// optional ?mode=ro|rw|rwc; the path percent-decoded. A relative path is relative to the project
// directory (DatabaseUrl::base_directory), not to wherever dbmig was started.
#include <string>
#include <string_view>

#include "config/database_url.hpp"

namespace dbmig::dialect::sqlite {

// How a SQLite URL's ?mode= opens the file (SQLite's own URI parameter and values).
enum class SqliteOpenMode {
  read_write_create,  // rwc, the default: created when missing
  read_write,         // rw: the file must exist
  read_only,          // ro: the file must exist and is not written
};

struct SqliteLocation {
  std::string path;  // percent-decoded; ":memory:" for an in-memory database
  SqliteOpenMode mode = SqliteOpenMode::read_write_create;
};

// What follows "sqlite://" in a URL: checked, with the path as written (relative paths stay
// relative). Throws dbmig::Error (usage) naming what is wrong, showing `masked_url` only.
SqliteLocation parse_sqlite_location(std::string_view after_scheme, const std::string& masked_url);

// The URL's file, a relative path resolved against url.base_directory.
SqliteLocation sqlite_location(const config::DatabaseUrl& url);

}  // namespace dbmig::dialect::sqlite
