// The one place that knows every dialect: adding a dialect is one entry here plus its folder.
#include "dialect/registry.hpp"

#include <cctype>
#include <optional>

#include "dialect/dialect.hpp"
#include "dialect/mysql/libmariadb.hpp"
#include "dialect/mysql/mysql_dialect.hpp"
#include "dialect/mysql/mysql_url.hpp"
#include "dialect/postgres/libpq.hpp"
#include "dialect/postgres/postgres_dialect.hpp"
#include "dialect/postgres/postgres_url.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "dialect/sqlite/sqlite_url.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::dialect {

const std::vector<DialectEntry>& registered_dialects() {
  static const std::vector<DialectEntry> entries = {
      {"sqlite", {"sqlite"}, "sqlite:///relative/path.db, sqlite:////absolute/path.db, sqlite:///:memory:",
       [](std::string_view after_scheme, const std::string& masked) { sqlite::parse_sqlite_location(after_scheme, masked); },
       [] { return sqlite::make_sqlite_dialect(); }, "SQLite",
       [] { return std::optional<std::string>(sqlite::sqlite_library_version()); }},
      {"postgresql", {"postgresql", "postgres"}, "postgresql://user:password@host:port/dbname (postgres:// also works)",
       postgres::check_postgres_uri, [] { return postgres::make_postgres_dialect(); }, "libpq", postgres::libpq_version},
      {"mysql", {"mysql", "mariadb"}, "mysql://user:password@host:3306/database (mariadb:// also works)",
       mysql::check_mysql_url, [] { return mysql::make_mysql_dialect(); }, "libmariadb", mysql::libmariadb_version},
  };
  return entries;
}

std::vector<std::string> dialect_names() {
  std::vector<std::string> names;
  for (const DialectEntry& entry : registered_dialects()) names.emplace_back(entry.name);
  return names;
}

namespace {

std::string lower_ascii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

const DialectEntry* entry_for_scheme(std::string_view scheme) {
  for (const DialectEntry& entry : registered_dialects())
    for (std::string_view known : entry.schemes)
      if (known == scheme) return &entry;
  return nullptr;
}

const DialectEntry* entry_named(std::string_view name) {
  for (const DialectEntry& entry : registered_dialects())
    if (entry.name == name) return &entry;
  return nullptr;
}

std::string supported_forms() {
  std::vector<std::string> forms;
  for (const DialectEntry& entry : registered_dialects()) forms.emplace_back(entry.url_forms);
  return "use " + util::join(forms, " or ");
}

// Why a URL whose scheme no dialect has is wrong: SQLAlchemy's `dialect+driver://` form, a
// registered scheme without "//", or simply an unknown database.
std::string unknown_scheme_hint(std::string_view text, std::string_view scheme) {
  if (const std::size_t plus = scheme.find('+'); plus != std::string_view::npos) {
    if (const DialectEntry* entry = entry_for_scheme(scheme.substr(0, plus)))
      return "drop the '+driver' part: dbmig talks to " + std::string(entry->name) +
             " through its own client library, as " + std::string(scheme.substr(0, plus)) + "://...";
  }
  const std::size_t colon = text.find(':');
  if (colon != std::string_view::npos && entry_for_scheme(lower_ascii(text.substr(0, colon))))
    return "write the URL as " + std::string(entry_for_scheme(lower_ascii(text.substr(0, colon)))->url_forms);
  return supported_forms();
}

}  // namespace

config::DatabaseUrl parse_database_url(std::string_view text) {
  config::DatabaseUrl url;
  url.text = std::string(text);
  constexpr std::string_view separator = "://";
  const std::size_t scheme_end = text.find(separator);
  const std::string scheme = scheme_end == std::string_view::npos ? std::string() : lower_ascii(text.substr(0, scheme_end));
  const DialectEntry* entry = scheme.empty() ? nullptr : entry_for_scheme(scheme);
  if (!entry)
    throw usage_error("unsupported database URL '" + url.masked() + "'", std::nullopt, unknown_scheme_hint(text, scheme));
  entry->check_url(text.substr(scheme_end + separator.size()), url.masked());
  url.dialect = std::string(entry->name);
  return url;
}

std::unique_ptr<Dialect> make_dialect(const config::DatabaseUrl& url) {
  if (const DialectEntry* entry = entry_named(url.dialect)) return entry->make();
  throw usage_error("unknown dialect \"" + url.dialect + "\"", std::nullopt,
                    "use one of " + util::join(dialect_names(), ", "));
}

}  // namespace dbmig::dialect
