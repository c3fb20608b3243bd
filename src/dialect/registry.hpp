#pragma once
// The registered dialects: each one's name (the key of its raw SQL in revision files), the URL
// schemes that select it, how it checks a URL of its own, and how to make it. The one list a new
// dialect joins; nothing outside src/dialect/ names a dialect.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/database_url.hpp"

namespace dbmig::dialect {

class Dialect;

struct DialectEntry {
  std::string_view name;                  // "sqlite", "postgresql"
  std::vector<std::string_view> schemes;  // the URL schemes that select it (lower case, no "://")
  std::string_view url_forms;             // the URL forms it takes, for messages: "sqlite:///path.db, ..."
  // Checks what follows "scheme://"; throws dbmig::Error (usage) saying what is wrong, showing
  // only the masked URL it is given.
  std::function<void(std::string_view after_scheme, const std::string& masked_url)> check_url;
  std::function<std::unique_ptr<Dialect>()> make;
  std::string_view client_library;  // the library it talks through, as `dbmig --version` names it
  // That library's version; nullopt when it cannot be loaded (libpq and libmariadb are opened at
  // run time, and only recommended by the package).
  std::function<std::optional<std::string>()> client_library_version;
};

const std::vector<DialectEntry>& registered_dialects();

// The names of the registered dialects, in registration order: the keys a `sql:` step may use.
std::vector<std::string> dialect_names();

// Parses `scheme://...` for the dialect whose scheme it is (ignoring the scheme's case) and checks
// it the dialect's way. Throws dbmig::Error (usage) for an unknown scheme or a malformed URL; the
// message shows the masked URL only. `base_directory` is left empty for the caller to set.
config::DatabaseUrl parse_database_url(std::string_view text);

// The dialect of a parsed URL.
std::unique_ptr<Dialect> make_dialect(const config::DatabaseUrl& url);

}  // namespace dbmig::dialect
