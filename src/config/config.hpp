#pragma once
// dbmig.yaml: where the models and migrations are, which database, which names.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/database_url.hpp"
#include "schema/naming.hpp"

namespace dbmig::config {

inline constexpr std::string_view default_lock_timeout = "5s";
inline constexpr int default_lock_retries = 5;
inline constexpr int max_lock_retries = 100;

struct Config {
  std::filesystem::path file;            // the dbmig.yaml read (empty when none was found)
  std::filesystem::path base_directory;  // relative paths below are resolved against this
  std::string database_url;              // after ${VAR} expansion and precedence; may hold a password
  std::vector<std::string> models = {"models.yaml"};  // files or globs, relative to base_directory
  std::string migrations = "migrations";
  std::string version_table = "dbmig_version";
  schema::NamingConvention naming;
  // PostgreSQL's lock_timeout and statement_timeout for migration sessions (is_timeout_setting;
  // MySQL's lock_wait_timeout and max_statement_time); --lock-timeout-sql and --statement-timeout
  // override them. A statement waits at most lock_timeout for a table's lock, so that it never
  // sits long in the lock queue in front of the application's queries; "0" lifts the limit.
  std::optional<std::string> lock_timeout = std::string(default_lock_timeout);
  std::optional<std::string> statement_timeout;
  // How many times a revision whose statement gave up waiting for a lock is tried again (with a
  // growing pause) before the run fails; --lock-retries overrides it.
  int lock_retries = default_lock_retries;
  // Online forms on existing tables where the database has them (PostgreSQL: concurrent index
  // builds, NOT VALID then VALIDATE); false: plain DDL, one transaction per revision.
  bool online = true;

  std::filesystem::path migrations_dir() const { return base_directory / migrations; }
  std::filesystem::path versions_dir() const { return migrations_dir() / "versions"; }
  // The models files, globs expanded (sorted), relative paths resolved; throws when a named file
  // does not exist or a glob matches nothing.
  std::vector<std::filesystem::path> model_files() const;
};

struct ConfigOverrides {
  std::optional<std::string> config_file;  // -c
  std::optional<std::string> directory;    // -d: the project directory (default: cwd)
  std::optional<std::string> url;          // --url
  // Checks a database URL (throws dbmig::Error, usage) so that a malformed one is reported where it
  // was written; the registry's parser (config/ knows no dialect). Unset: URLs are not checked.
  std::function<void(const std::string&)> check_url;
};

// Reads dbmig.yaml (or -c FILE) and applies precedence: --url > DATABASE_URL > database_url.
// `${VAR}` and `${VAR:-default}` are expanded in every string value. Errors name file:line:column.
// A missing dbmig.yaml is an error unless --url or DATABASE_URL gives the database.
Config load_config(const ConfigOverrides& overrides);

// A timeout as PostgreSQL's settings take it: a non-negative number with an optional unit (ms,
// s, min, h, d; no unit means milliseconds), e.g. "5s", "1500ms", "2min", "0" (no limit), of at
// most INT_MAX milliseconds (about 24 days), as PostgreSQL stores it.
bool is_timeout_setting(std::string_view text);
// What is wrong with `text` as such a timeout ("'x' is not a timeout", "'99d' is longer than
// PostgreSQL allows: ..."), or nullopt.
std::optional<std::string> timeout_setting_problem(std::string_view text);
// The milliseconds a valid timeout setting stands for (rounded as PostgreSQL rounds them);
// nullopt when it is not one. For databases whose settings take another unit (MySQL's seconds).
std::optional<long long> timeout_setting_milliseconds(std::string_view text);

// `${VAR}` / `${VAR:-default}` expansion against the process environment. An unset ${VAR} with no
// default is an error naming the variable (thrown as std::invalid_argument).
std::string expand_environment(std::string_view text);

}  // namespace dbmig::config
