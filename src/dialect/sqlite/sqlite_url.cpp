// The path and parameters of a SQLite URL (sqlite_url.hpp). Without this, sqlite:///app.db?mode=ro
// created and migrated a file literally named "app.db?mode=ro".
#include "dialect/sqlite/sqlite_url.hpp"

#include <filesystem>
#include <optional>

#include "config/url_encoding.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::sqlite {

using config::percent_decoded;

namespace {

constexpr std::string_view accepted_parameters = "mode=ro (read-only), mode=rw (an existing file, read-write) and "
                                                 "mode=rwc (created when missing; the default)";

std::optional<SqliteOpenMode> mode_named(std::string_view value) {
  if (value == "ro") return SqliteOpenMode::read_only;
  if (value == "rw") return SqliteOpenMode::read_write;
  if (value == "rwc") return SqliteOpenMode::read_write_create;
  return std::nullopt;
}

}  // namespace

SqliteLocation parse_sqlite_location(std::string_view after_scheme, const std::string& masked_url) {
  if (!after_scheme.starts_with('/'))
    throw usage_error("unsupported database URL '" + masked_url + "'", std::nullopt,
                      "a SQLite URL has three slashes before the path: sqlite:///app.db, or four for an absolute path");
  const std::string_view rest = after_scheme.substr(1);
  const std::size_t question = rest.find('?');
  SqliteLocation location;
  location.path = percent_decoded(rest.substr(0, question), "the path", masked_url);
  if (location.path.empty())
    throw usage_error("the SQLite URL '" + masked_url + "' names no file", std::nullopt,
                      "write sqlite:///app.db (relative), sqlite:////var/db/app.db (absolute) or sqlite:///:memory:");
  if (question == std::string_view::npos) return location;

  bool mode_given = false;
  std::string_view query = rest.substr(question + 1);
  while (!query.empty()) {
    const std::size_t ampersand = query.find('&');
    const std::string_view parameter = query.substr(0, ampersand);
    query = ampersand == std::string_view::npos ? std::string_view() : query.substr(ampersand + 1);
    if (parameter.empty()) continue;
    const std::size_t equals = parameter.find('=');
    const std::string key = percent_decoded(parameter.substr(0, equals), "a parameter name", masked_url);
    const std::string value = equals == std::string_view::npos
                                  ? std::string()
                                  : percent_decoded(parameter.substr(equals + 1), "a parameter value", masked_url);
    if (key != "mode")
      throw usage_error("the SQLite URL '" + masked_url + "' has the parameter '" + key +
                            "', which dbmig does not support",
                        std::nullopt,
                        "dbmig accepts " + std::string(accepted_parameters) +
                            "; write a '?' in a file name as %3F");
    if (mode_given)
      throw usage_error("the SQLite URL '" + masked_url + "' gives 'mode' twice", std::nullopt,
                        "keep one: " + std::string(accepted_parameters));
    const auto mode = mode_named(value);
    if (!mode)
      throw usage_error("the SQLite URL '" + masked_url + "' has mode=" + value + ", which dbmig does not support",
                        std::nullopt, "dbmig accepts " + std::string(accepted_parameters));
    location.mode = *mode;
    mode_given = true;
  }
  return location;
}

SqliteLocation sqlite_location(const config::DatabaseUrl& url) {
  constexpr std::string_view separator = "://";
  const std::size_t scheme_end = url.text.find(separator);
  SqliteLocation location =
      parse_sqlite_location(std::string_view(url.text).substr(scheme_end + separator.size()), url.masked());
  if (location.path != ":memory:" && std::filesystem::path(location.path).is_relative() && !url.base_directory.empty())
    location.path = (url.base_directory / location.path).lexically_normal().string();
  return location;
}

}  // namespace dbmig::dialect::sqlite
