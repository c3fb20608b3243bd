#pragma once
// The parts of database_url.cpp that read inside a URL: percent-decoding, the query string of a
// SQLite URL, and the checks of a PostgreSQL URL made before libpq sees it (so that a typo is a
// configuration error naming what is wrong, exit 2, not a failed connection, exit 3).
// Every message names the URL masked (`masked_url`) and never a password or a part of one.
#include <optional>
#include <string>
#include <string_view>

#include "config/database_url.hpp"

namespace dbmig::config::detail {

// `text` with %XX sequences decoded. Throws dbmig::Error (usage) naming `part` ("the password",
// "the path") for a '%' not followed by two hex digits, or for %00, which no C string can hold.
std::string percent_decoded(std::string_view text, std::string_view part, const std::string& masked_url);

// What follows "sqlite:///": the path (percent-decoded) and the open mode of `?mode=ro|rw|rwc`,
// the one SQLite URI parameter dbmig supports. Throws dbmig::Error (usage) for anything else.
struct SqliteLocation {
  std::string path;
  SqliteOpenMode mode = SqliteOpenMode::read_write_create;
};
SqliteLocation parse_sqlite_location(std::string_view rest, const std::string& masked_url);

// Checks what follows "postgresql://" the way libpq reads a connection URI
// (user:password@host:port,host2:port2/dbname?key=value&...): percent-encoding, ports (1 to
// 65535), query parameters that libpq knows, sslmode's value, an unencoded '@' in the password.
// Throws dbmig::Error (usage) saying what is wrong.
void check_postgres_uri(std::string_view rest, const std::string& masked_url);

}  // namespace dbmig::config::detail
