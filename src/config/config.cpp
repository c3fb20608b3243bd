// load_config: locate dbmig.yaml, read it, and decide which database to use.
#include "config/config.hpp"

#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "model/yaml_value.hpp"
#include "util/error.hpp"

namespace dbmig::config {

namespace fs = std::filesystem;
using model::Value;

namespace {

const std::vector<std::string> config_keys = {"database_url",      "models",       "migrations",       "version_table",
                                              "naming_convention", "lock_timeout", "lock_retries", "statement_timeout",
                                              "online"};
const std::vector<std::string> naming_keys = {"pk", "ix", "uq", "fk", "ck"};

constexpr std::string_view no_database_hint =
    "set database_url in dbmig.yaml, set the DATABASE_URL environment variable, or pass --url "
    "(e.g. --url sqlite:///app.db)";

// A string value of dbmig.yaml with ${VAR} expanded; a bad reference is an error at the value.
std::string expanded_text(const Value& value) {
  try {
    return expand_environment(value.text());
  } catch (const std::invalid_argument& error) {
    value.fail(error.what(), "values may use ${VAR} and ${VAR:-default}; write $${ for a literal ${");
  }
}

bool is_identifier(std::string_view name) {
  if (name.empty() || name.size() > schema::max_identifier_length) return false;
  if (std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

std::vector<std::string> read_models(const Value& value) {
  std::vector<std::string> models;
  if (value.is_sequence()) {
    for (const auto& item : value.items()) models.push_back(expanded_text(item));
  } else {
    models.push_back(expanded_text(value));
  }
  if (models.empty()) value.fail("'models' names no file", "write models: models.yaml, a list of files, or a glob");
  return models;
}

void read_naming_convention(const Value& value, schema::NamingConvention& naming) {
  const model::Mapping mapping = value.mapping(naming_keys);
  std::string* const patterns[] = {&naming.pk, &naming.ix, &naming.uq, &naming.fk, &naming.ck};
  for (std::size_t i = 0; i < naming_keys.size(); ++i) {
    const auto pattern = mapping.get(naming_keys[i]);
    if (!pattern) continue;
    std::string text = expanded_text(*pattern);
    if (text.empty()) pattern->fail("empty naming convention for " + naming_keys[i], "for example ix_%(table)s_%(columns)s");
    try {
      schema::NamingConvention::check_pattern(text);
    } catch (const std::invalid_argument& error) {
      pattern->fail(error.what());
    }
    *patterns[i] = std::move(text);
  }
}

std::optional<std::string> read_timeout(const std::optional<Value>& value) {
  if (!value || value->is_null()) return std::nullopt;
  std::string text = expanded_text(*value);
  if (const auto problem = timeout_setting_problem(text))
    value->fail(*problem, "write a number with a unit: 500ms, 5s, 2min, 1h (0: no limit)");
  return text;
}

int read_lock_retries(const Value& value) {
  const std::string text = expanded_text(value);
  const bool digits = !text.empty() && text.size() <= 3 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoi(text) > max_lock_retries)
    value.fail("lock_retries '" + text + "' is not a number of retries from 0 to " + std::to_string(max_lock_retries),
               "write e.g. lock_retries: 5 (0: fail at the first lock timeout)");
  return std::stoi(text);
}

// Reads the keys of dbmig.yaml into `config`; returns the database_url value, unexpanded, since
// it matters only when neither --url nor DATABASE_URL is given (an unset ${PROD_URL} in it must
// not stop `--url sqlite:///test.db` from working).
std::optional<Value> read_config_file(const fs::path& file, Config& config) {
  const std::string file_name = file.string();
  const std::string text = model::read_yaml_text(file_name, "configuration file");
  const Value root = Value::root_of(model::parse_document(text, file_name), file.filename().string());
  const model::Mapping mapping = root.mapping(config_keys);
  if (const auto models = mapping.get("models")) config.models = read_models(*models);
  if (const auto migrations = mapping.get("migrations")) {
    config.migrations = expanded_text(*migrations);
    if (config.migrations.empty()) migrations->fail("'migrations' is empty", "name the directory, e.g. migrations");
  }
  if (const auto version_table = mapping.get("version_table")) {
    config.version_table = expanded_text(*version_table);
    if (!is_identifier(config.version_table))
      version_table->fail("version_table '" + config.version_table + "' is not a valid table name",
                          "use letters, digits and _ (not starting with a digit), at most 63 characters");
  }
  if (const auto naming = mapping.get("naming_convention")) read_naming_convention(*naming, config.naming);
  if (auto lock_timeout = read_timeout(mapping.get("lock_timeout"))) config.lock_timeout = std::move(lock_timeout);
  if (const auto retries = mapping.get("lock_retries")) config.lock_retries = read_lock_retries(*retries);
  config.statement_timeout = read_timeout(mapping.get("statement_timeout"));
  if (const auto online = mapping.get("online")) config.online = online->boolean();
  return mapping.get("database_url");
}

// Validates a URL from the command line or the environment, naming where it came from.
std::string checked_url(const ConfigOverrides& overrides, const std::string& url, std::string_view source) {
  if (!overrides.check_url) return url;
  try {
    overrides.check_url(url);
  } catch (const Error& error) {
    throw usage_error(std::string(source) + ": " + error.message(), std::nullopt, error.hint());
  }
  return url;
}

std::string choose_database_url(const ConfigOverrides& overrides, const std::optional<Value>& from_file) {
  if (overrides.url) return checked_url(overrides, *overrides.url, "--url");
  if (const char* environment = std::getenv("DATABASE_URL"); environment != nullptr && *environment != '\0')
    return checked_url(overrides, environment, "DATABASE_URL");
  if (!from_file) throw usage_error("no database configured", std::nullopt, std::string(no_database_hint));
  const std::string url = expanded_text(*from_file);
  if (url.empty()) from_file->fail("database_url is empty", std::string(no_database_hint));
  if (!overrides.check_url) return url;
  try {
    overrides.check_url(url);
  } catch (const Error& error) {
    from_file->fail(error.message(), error.hint());
  }
  return url;
}

bool has_database_outside_file(const ConfigOverrides& overrides) {
  const char* environment = std::getenv("DATABASE_URL");
  return overrides.url || (environment != nullptr && *environment != '\0');
}

}  // namespace

Config load_config(const ConfigOverrides& overrides) {
  Config config;
  const fs::path directory = overrides.directory ? fs::path(*overrides.directory) : fs::path(".");
  const fs::path file = overrides.config_file ? fs::path(*overrides.config_file) : directory / "dbmig.yaml";
  // Relative paths in the file are relative to the project: -d when given, else the file's own
  // directory, so `dbmig -c path/to/dbmig.yaml` works from anywhere.
  if (overrides.directory || !overrides.config_file)
    config.base_directory = directory;
  else
    config.base_directory = file.has_parent_path() ? file.parent_path() : fs::path(".");

  std::error_code ignored;
  std::optional<Value> url_in_file;
  if (fs::exists(file, ignored)) {
    config.file = file;
    url_in_file = read_config_file(file, config);
  } else if (overrides.config_file) {
    throw usage_error("configuration file '" + file.string() + "' does not exist", std::nullopt,
                      "check the path given to -c, or run `dbmig init` to create a project");
  } else if (!has_database_outside_file(overrides)) {
    throw usage_error("no dbmig.yaml in '" + directory.string() + "'", std::nullopt,
                      "run `dbmig init` to create one, point to it with -c FILE or -d DIR, or give the database "
                      "with --url or DATABASE_URL");
  }
  config.database_url = choose_database_url(overrides, url_in_file);
  return config;
}

}  // namespace dbmig::config
