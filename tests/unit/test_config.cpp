#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "config/database_url.hpp"
#include "dialect/registry.hpp"
#include "dialect/sqlite/sqlite_url.hpp"
#include "error_capture.hpp"
#include "scoped_environment.hpp"
#include "scratch_project.hpp"

using namespace dbmig;
using namespace dbmig::config;
using dbmig::dialect::parse_database_url;
using dbmig::dialect::sqlite::SqliteOpenMode;
using dbmig::dialect::sqlite::sqlite_location;
using dbmig::test::contains;
using dbmig::test::error_of;
using dbmig::test::ScopedEnvironment;
using dbmig::test::ScratchProject;
namespace fs = std::filesystem;

namespace {

const fs::path config_data = fs::path(DBMIG_TEST_DATA) / "config";

ConfigOverrides in_directory(const std::string& name) {
  return ConfigOverrides{std::nullopt, (config_data / name).string(), std::nullopt,
                         [](const std::string& url) { parse_database_url(url); }};
}

std::string sqlite_path_of(const std::string& url) { return sqlite_location(parse_database_url(url)).path; }
SqliteOpenMode sqlite_mode_of(const std::string& url) { return sqlite_location(parse_database_url(url)).mode; }

}  // namespace

TEST_CASE("config: SQLite URLs give the file path as written") {
  const DatabaseUrl relative = parse_database_url("sqlite:///data/app.db");
  CHECK(relative.dialect == "sqlite");
  CHECK(sqlite_location(relative).path == "data/app.db");
  CHECK(relative.text == "sqlite:///data/app.db");
  CHECK(sqlite_path_of("sqlite:////var/db/app.db") == "/var/db/app.db");
  CHECK(sqlite_path_of("sqlite:///:memory:") == ":memory:");
  CHECK(parse_database_url("SQLite:///x.db").dialect == "sqlite");
}

TEST_CASE("config: a relative SQLite path is relative to the project directory, others are kept") {
  DatabaseUrl url = parse_database_url("sqlite:///data/../app.db?mode=rw");
  url.base_directory = "/srv/project";
  CHECK(sqlite_location(url).path == "/srv/project/app.db");
  CHECK(sqlite_location(url).mode == SqliteOpenMode::read_write);
  DatabaseUrl absolute = parse_database_url("sqlite:////var/db/app.db");
  absolute.base_directory = "/srv/project";
  CHECK(sqlite_location(absolute).path == "/var/db/app.db");
  DatabaseUrl memory = parse_database_url("sqlite:///:memory:");
  memory.base_directory = "/srv/project";
  CHECK(sqlite_location(memory).path == ":memory:");
}

TEST_CASE("config: PostgreSQL URLs are kept whole for libpq") {
  for (const char* text : {"postgresql://user:pw@host:5432/db?sslmode=require", "postgres://host/db"}) {
    CAPTURE(text);
    const DatabaseUrl url = parse_database_url(text);
    CHECK(url.dialect == "postgresql");
    CHECK(url.text == text);
  }
}

TEST_CASE("config: an unsupported URL is a usage error that shows only the masked URL") {
  const auto error = error_of([] { parse_database_url("oracle://admin:hunter2@db.example.com/app"); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::usage);
  CHECK(error->message() == "unsupported database URL 'oracle://admin:***@db.example.com/app'");
  CHECK(contains(error->hint(), "mysql://user:password@host:3306/database"));
  CHECK(contains(error->hint(), "sqlite:///relative/path.db"));
  CHECK(contains(error->hint(), "postgresql://user:password@host:port/dbname"));
  CHECK_FALSE(contains(error->describe(), "hunter2"));

  const auto with_driver = error_of([] { parse_database_url("postgresql+psycopg2://u:hunter2@h/db"); });
  REQUIRE(with_driver);
  CHECK(contains(with_driver->hint(), "drop the '+driver' part"));
  CHECK_FALSE(contains(with_driver->describe(), "hunter2"));

  const auto two_slashes = error_of([] { parse_database_url("sqlite://app.db"); });
  REQUIRE(two_slashes);
  CHECK(contains(two_slashes->hint(), "three slashes"));

  const auto no_file = error_of([] { parse_database_url("sqlite:///"); });
  REQUIRE(no_file);
  CHECK(contains(no_file->message(), "names no file"));
}

TEST_CASE("config: masked URLs hide the password only") {
  CHECK(parse_database_url("postgresql://user:secret@host/db").masked() == "postgresql://user:***@host/db");
  CHECK(parse_database_url("postgresql://user@host/db").masked() == "postgresql://user@host/db");
  CHECK(parse_database_url("postgresql://host:5432/db").masked() == "postgresql://host:5432/db");
  CHECK(parse_database_url("postgres://u:p%40ss@h:1/d?sslmode=require").masked() ==
        "postgres://u:***@h:1/d?sslmode=require");
  // An unencoded '@' in the password is still hidden entirely (the URL itself is refused).
  CHECK(mask_password("postgresql://u:p@ss@host/db") == "postgresql://u:***@host/db");
  CHECK(parse_database_url("postgresql://h/db?user=u&password=secret&sslmode=require").masked() ==
        "postgresql://h/db?user=u&password=***&sslmode=require");
  CHECK(parse_database_url("sqlite:///app.db").masked() == "sqlite:///app.db");
}

TEST_CASE("config: mask_password hides passwords anywhere in a text") {
  CHECK(mask_password("could not connect to postgresql://bob:pa55@db/x: timeout") ==
        "could not connect to postgresql://bob:***@db/x: timeout");
  CHECK(mask_password("a postgres://a:1@h/x and postgresql://b:2@h/y") ==
        "a postgres://a:***@h/x and postgresql://b:***@h/y");
  CHECK(mask_password("host=db user=bob password=pa55 dbname=x") == "host=db user=bob password=*** dbname=x");
  CHECK(mask_password("host=db PASSWORD='pa 55' dbname=x") == "host=db PASSWORD=*** dbname=x");
  CHECK(mask_password("old_password=kept") == "old_password=kept");
  CHECK(mask_password("no secrets here: sqlite:///app.db") == "no secrets here: sqlite:///app.db");
  CHECK(mask_password("") == "");
}

TEST_CASE("config: a masked URL masked again keeps what follows it") {
  // A connection error names the masked URL, and the whole message is masked once more on its way
  // out: "password=***: reason" lost its ": " to the second pass.
  const std::string masked = parse_database_url("postgresql://h/db?user=u&password=secret").masked();
  CHECK(masked == "postgresql://h/db?user=u&password=***");
  CHECK(mask_password("cannot connect to " + masked + ": connection refused") ==
        "cannot connect to postgresql://h/db?user=u&password=***: connection refused");
  CHECK(mask_password("host=db password=***, then") == "host=db password=***, then");
  // A password that merely starts like the mask is still hidden whole.
  CHECK(mask_password("password=***secret next") == "password=*** next");
}

TEST_CASE("config: SQLite URLs take ?mode=ro|rw|rwc and percent-escapes, and refuse other parameters") {
  CHECK(sqlite_mode_of("sqlite:///app.db") == SqliteOpenMode::read_write_create);
  const DatabaseUrl read_only = parse_database_url("sqlite:///app.db?mode=ro");
  CHECK(sqlite_location(read_only).path == "app.db");  // not a file named "app.db?mode=ro"
  CHECK(sqlite_location(read_only).mode == SqliteOpenMode::read_only);
  CHECK(sqlite_mode_of("sqlite:////var/db/app.db?mode=rw") == SqliteOpenMode::read_write);
  CHECK(sqlite_mode_of("sqlite:///app.db?mode=rwc") == SqliteOpenMode::read_write_create);
  CHECK(sqlite_path_of("sqlite:///my%20data/app%3F.db") == "my data/app?.db");
  CHECK(sqlite_path_of("sqlite:///:memory:?mode=rw") == ":memory:");

  const auto unknown = error_of([] { parse_database_url("sqlite:///db.sqlite?foo=bar"); });
  REQUIRE(unknown);
  CHECK(unknown->code() == ExitCode::usage);
  CHECK(unknown->message() == "the SQLite URL 'sqlite:///db.sqlite?foo=bar' has the parameter 'foo', which dbmig "
                              "does not support");
  CHECK(contains(unknown->hint(), "mode=ro (read-only), mode=rw"));
  const auto bad_mode = error_of([] { parse_database_url("sqlite:///db.sqlite?mode=memory"); });
  REQUIRE(bad_mode);
  CHECK(contains(bad_mode->message(), "mode=memory, which dbmig does not support"));
  const auto twice = error_of([] { parse_database_url("sqlite:///db.sqlite?mode=ro&mode=rw"); });
  REQUIRE(twice);
  CHECK(contains(twice->message(), "gives 'mode' twice"));
  const auto bad_escape = error_of([] { parse_database_url("sqlite:///db%zz.sqlite"); });
  REQUIRE(bad_escape);
  CHECK(contains(bad_escape->message(), "has a '%' in the path that is not followed by two hex digits"));
  const auto no_file = error_of([] { parse_database_url("sqlite:///?mode=ro"); });
  REQUIRE(no_file);
  CHECK(contains(no_file->message(), "names no file"));
}

TEST_CASE("config: a malformed PostgreSQL URL is a usage error naming what is wrong, password hidden") {
  const auto problem = [](const std::string& url) {
    const auto error = error_of([&] { parse_database_url(url); });
    REQUIRE_MESSAGE(error, url);
    CHECK(error->code() == ExitCode::usage);
    CHECK_FALSE(contains(error->describe(), "hunter2"));
    return error->message() + "\nhint: " + error->hint();
  };
  CHECK(contains(problem("postgresql://u:hunter2@localhost:5432x/db"),
                 "the database URL 'postgresql://u:***@localhost:5432x/db' has the port '5432x', which is not a number "
                 "from 1 to 65535"));
  CHECK(contains(problem("postgresql://u:hunter2@localhost:99999/db"), "the port '99999'"));
  CHECK(contains(problem("postgresql://u:hunter2@localhost:0/db"), "the port '0'"));
  CHECK(contains(problem("postgresql://u:hunter2@localhost:/db"), "the port ''"));
  CHECK(contains(problem("postgresql://u:hunter2@a:5432,b:x/db"), "the port 'x'"));
  CHECK(contains(problem("postgresql://u:hunter2@h/db?port=70000"), "the port '70000'"));
  CHECK(contains(problem("postgresql://u:hunt%zzer2@h/db"), "has a '%' in the password that is not followed"));
  CHECK(contains(problem("postgresql://u:hunter2@h/d%zzb"), "in the database name"));
  CHECK(contains(problem("postgresql://u:hunter2@h/db?sslmod=require"),
                 "has the parameter 'sslmod', which libpq does not know\nhint: did you mean 'sslmode'?"));
  CHECK(contains(problem("postgresql://u:hunter2@h/db?sslmode=required"),
                 "has sslmode=required, which is not an sslmode\nhint: sslmode is one of disable, allow, prefer, "
                 "require, verify-ca, verify-full"));
  CHECK(contains(problem("postgresql://u:hunter2@h/db?sslmode"), "a query parameter without '='"));
  CHECK(contains(problem("postgresql://u:hunter2@h/db?a=b=c"), "a second '='"));
  CHECK(contains(problem("postgresql://u:hunt@er2@h/db"), "more than one '@' before the host\nhint: write an '@' "
                                                           "in the user name or password as %40"));
  CHECK(contains(problem("postgresql://u:hunter2@[::1/db"), "without its ']'"));
  CHECK(contains(problem("postgresql://h/db?password=hunter2&bogus=1"), "'bogus'"));

  for (const char* good : {"postgresql://", "postgresql://localhost", "postgres://u:p%40ss@h:1/d?sslmode=require",
                           "postgresql://u@[::1]:5432,other:5433/db?connect_timeout=5&application_name=x",
                           "postgresql://h/db?port=5432,5433&ssl=true&options=-c%20search_path%3Dapp",
                           "postgresql://h/db?password=a%3Db"}) {
    CAPTURE(good);
    CHECK_NOTHROW(parse_database_url(good));
  }
}

TEST_CASE("config: a malformed database_url in dbmig.yaml is reported at its place") {
  const ScratchProject project("models: models.yaml\ndatabase_url: postgresql://app:hunter2@db:99999/app\n");
  const auto error = error_of([&] { load_config(project.overrides()); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::usage);
  REQUIRE(error->where());
  CHECK(error->where()->line == 2);
  CHECK(error->where()->column == 15);
  CHECK(contains(error->message(), "the port '99999'"));
  CHECK_FALSE(contains(error->describe(), "hunter2"));

  const ScopedEnvironment url("DATABASE_URL", std::string("sqlite:///db.sqlite?foo=bar"));
  const auto from_environment = error_of([&] { load_config(project.overrides()); });
  REQUIRE(from_environment);
  CHECK(from_environment->message().starts_with("DATABASE_URL: the SQLite URL"));
}

TEST_CASE("config: timeouts are bounded to what PostgreSQL accepts (INT_MAX milliseconds)") {
  for (const char* good : {"0", "2147483647", "2147483647ms", "2147483s", "24d", "596h", "1.5s"}) {
    CAPTURE(good);
    CHECK(is_timeout_setting(good));
  }
  for (const char* too_long : {"2147483648", "2147484s", "25d", "99999999999999999999999d",
                               "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
                               "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
                               "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
                               "999999999999999999999999999999999999999999999999999999999999999999999999999999999ms"}) {
    CAPTURE(too_long);
    CHECK(contains(timeout_setting_problem(too_long).value_or(""), "is longer than PostgreSQL allows: at most "
                                                                   "2147483647ms (about 24 days)"));
  }
  CHECK(*timeout_setting_problem("5 s") == "'5 s' is not a timeout");

  const ScratchProject project("database_url: sqlite:///app.db\nlock_timeout: 99999999999999999999999d\n");
  const auto error = error_of([&] { load_config(project.overrides()); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::usage);
  REQUIRE(error->where());
  CHECK(error->where()->line == 2);
  CHECK(contains(error->message(), "is longer than PostgreSQL allows"));
}

TEST_CASE("config: ${VAR} and ${VAR:-default} expand from the environment") {
  const ScopedEnvironment set("DBMIG_TEST_SET", std::string("value"));
  const ScopedEnvironment empty("DBMIG_TEST_EMPTY", std::string(""));
  const ScopedEnvironment unset("DBMIG_TEST_UNSET", std::nullopt);
  CHECK(expand_environment("plain text") == "plain text");
  CHECK(expand_environment("${DBMIG_TEST_SET}") == "value");
  CHECK(expand_environment("a-${DBMIG_TEST_SET}-b-${DBMIG_TEST_SET}") == "a-value-b-value");
  CHECK(expand_environment("${DBMIG_TEST_SET:-other}") == "value");
  CHECK(expand_environment("${DBMIG_TEST_UNSET:-sqlite:///app.db}") == "sqlite:///app.db");
  CHECK(expand_environment("${DBMIG_TEST_EMPTY:-fallback}") == "fallback");
  CHECK(expand_environment("${DBMIG_TEST_EMPTY}") == "");
  CHECK(expand_environment("${DBMIG_TEST_UNSET:-${DBMIG_TEST_SET}}") == "value");
  CHECK(expand_environment("${DBMIG_TEST_UNSET:-}") == "");
  CHECK(expand_environment("cost: $5, literal $${HOME}") == "cost: $5, literal ${HOME}");
  CHECK_THROWS_WITH_AS(expand_environment("${DBMIG_TEST_UNSET}"),
                       doctest::Contains("environment variable DBMIG_TEST_UNSET is not set"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(expand_environment("${DBMIG_TEST_SET"), doctest::Contains("unterminated"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(expand_environment("${9X}"), doctest::Contains("bad variable reference ${9X}"),
                       std::invalid_argument);
}

TEST_CASE("config: a full dbmig.yaml is read") {
  const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
  const Config config = load_config(in_directory("basic"));
  CHECK(config.file == config_data / "basic" / "dbmig.yaml");
  CHECK(config.base_directory == config_data / "basic");
  CHECK(config.database_url == "sqlite:///app.db");
  CHECK(config.models == std::vector<std::string>{"models.yaml", "extra/*.yaml", "extra/a.yaml"});
  CHECK(config.migrations == "db/migrations");
  CHECK(config.versions_dir() == config_data / "basic" / "db/migrations" / "versions");
  CHECK(config.version_table == "schema_version");
  CHECK(config.naming.ix == "idx_%(table)s_%(columns)s");
  CHECK(config.naming.ck == "check_%(table)s_%(name)s");
  CHECK(config.naming.pk == "pk_%(table)s");  // not given: the default
}

TEST_CASE("config: model files expand globs, sorted, each file once") {
  const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
  const Config config = load_config(in_directory("basic"));
  const fs::path base = config_data / "basic";
  CHECK(config.model_files() == std::vector<fs::path>{(base / "models.yaml").lexically_normal(),
                                                      (base / "extra/a.yaml").lexically_normal(),
                                                      (base / "extra/b.yaml").lexically_normal()});

  Config missing = config;
  missing.models = {"nope.yaml"};
  const auto missing_file = error_of([&] { missing.model_files(); });
  REQUIRE(missing_file);
  CHECK(contains(missing_file->message(), "nope.yaml' does not exist"));

  Config no_match = config;
  no_match.models = {"models/*.yml"};
  const auto no_matches = error_of([&] { no_match.model_files(); });
  REQUIRE(no_matches);
  CHECK(contains(no_matches->message(), "the models pattern 'models/*.yml' matches no file"));
}

TEST_CASE("config: precedence is --url, then DATABASE_URL, then database_url") {
  SUBCASE("the file alone") {
    const ScopedEnvironment env("DATABASE_URL", std::nullopt);
    CHECK(load_config(in_directory("basic")).database_url == "sqlite:///app.db");
  }
  SUBCASE("DATABASE_URL beats the file") {
    const ScopedEnvironment env("DATABASE_URL", std::string("sqlite:///from_env.db"));
    CHECK(load_config(in_directory("basic")).database_url == "sqlite:///from_env.db");
  }
  SUBCASE("an empty DATABASE_URL counts as unset") {
    const ScopedEnvironment env("DATABASE_URL", std::string(""));
    CHECK(load_config(in_directory("basic")).database_url == "sqlite:///app.db");
  }
  SUBCASE("--url beats both") {
    const ScopedEnvironment env("DATABASE_URL", std::string("sqlite:///from_env.db"));
    ConfigOverrides overrides = in_directory("basic");
    overrides.url = "postgresql://u:p@h/db";
    CHECK(load_config(overrides).database_url == "postgresql://u:p@h/db");
  }
}

TEST_CASE("config: ${VAR} is expanded in the file's values") {
  const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
  const ScopedEnvironment models("DBMIG_TEST_MODELS", std::string("schema.yaml"));
  SUBCASE("defaults apply when the variables are unset") {
    const ScopedEnvironment url("DBMIG_TEST_URL", std::nullopt);
    const ScopedEnvironment migrations("DBMIG_TEST_MIGRATIONS", std::nullopt);
    const Config config = load_config(in_directory("env"));
    CHECK(config.database_url == "sqlite:///default.db");
    CHECK(config.migrations == "migrations");
    CHECK(config.models == std::vector<std::string>{"schema.yaml"});
  }
  SUBCASE("set variables win") {
    const ScopedEnvironment url("DBMIG_TEST_URL", std::string("postgresql://h/db"));
    const ScopedEnvironment migrations("DBMIG_TEST_MIGRATIONS", std::string("db"));
    const Config config = load_config(in_directory("env"));
    CHECK(config.database_url == "postgresql://h/db");
    CHECK(config.migrations == "db");
  }
}

TEST_CASE("config: an unset variable without default is an error at its value") {
  const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
  const ScopedEnvironment models("DBMIG_TEST_MODELS", std::nullopt);
  const auto error = error_of([] { load_config(in_directory("env")); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::usage);
  CHECK(error->where()->to_string() == (config_data / "env" / "dbmig.yaml").string() + ":3:9");
  CHECK(contains(error->message(), "environment variable DBMIG_TEST_MODELS is not set"));
}

TEST_CASE("config: an unset variable in database_url does not matter when --url is given") {
  const ScratchProject project("database_url: ${DBMIG_TEST_PRODUCTION_URL}\n");
  const ScopedEnvironment production("DBMIG_TEST_PRODUCTION_URL", std::nullopt);
  const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
  ConfigOverrides overrides = project.overrides();
  overrides.url = "sqlite:///test.db";
  CHECK(load_config(overrides).database_url == "sqlite:///test.db");
  const auto error = error_of([&] { load_config(project.overrides()); });
  REQUIRE(error);
  CHECK(error->where()->to_string() == project.config_file() + ":1:15");
  CHECK(contains(error->message(), "DBMIG_TEST_PRODUCTION_URL is not set"));
}

TEST_CASE("config: unknown keys are errors with file:line:column and the valid keys") {
  const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
  const auto error = error_of([] { load_config(in_directory("unknown_key")); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::usage);
  CHECK(error->where()->to_string() == (config_data / "unknown_key" / "dbmig.yaml").string() + ":2:1");
  CHECK(error->message() == "unknown key 'migration' in dbmig.yaml");
  CHECK(error->hint() ==
        "did you mean 'migrations'? valid keys: database_url, models, migrations, version_table, naming_convention, "
        "lock_timeout, lock_retries, statement_timeout, online");
}

TEST_CASE("config: bad values are errors at the value") {
  const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
  struct Case {
    const char* text;
    const char* position;  // line:column
    const char* message_part;
  };
  const Case cases[] = {
      {"database_url: sqlite:///a.db\nversion_table: 1versions\n", "2:16", "version_table '1versions' is not a valid"},
      {"database_url: sqlite:///a.db\nversion_table: my-versions\n", "2:16", "not a valid table name"},
      {"database_url: sqlite:///a.db\nnaming_convention:\n  ix: \"ix_%(tabel)s\"\n", "3:7", "%(tabel)s"},
      {"database_url: sqlite:///a.db\nnaming_convention:\n  idx: x\n", "3:3", "unknown key 'idx'"},
      {"database_url: sqlite:///a.db\nnaming_convention: [a]\n", "2:20", "expected a mapping"},
      {"database_url: sqlite:///a.db\nmodels: []\n", "2:9", "'models' names no file"},
      {"database_url: sqlite:///a.db\nmodels: {a: b}\n", "2:9", "expected a single value"},
      {"database_url: oracle://u:topsecret@h/db\n", "1:15", "unsupported database URL 'oracle://u:***@h/db'"},
      {"database_url: \"\"\n", "1:15", "database_url is empty"},
      {"database_url: [x]\n", "1:15", "expected a single value for 'database_url'"},
      {"- a\n- b\n", "1:1", "expected a mapping for dbmig.yaml"},
      {"database_url: a: b\n", "1:16", "YAML syntax error"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const ScratchProject project(c.text);
    const auto error = error_of([&] { load_config(project.overrides()); });
    REQUIRE(error);
    CHECK(error->code() == ExitCode::usage);
    CHECK(error->where()->to_string() == project.config_file() + ":" + c.position);
    CHECK(contains(error->message(), c.message_part));
    CHECK_FALSE(contains(error->describe(), "topsecret"));
  }
}

TEST_CASE("config: bad URLs from the command line or environment name their source, masked") {
  const ScratchProject project("models: models.yaml\n");
  {
    const ScopedEnvironment env("DATABASE_URL", std::string("oracle://scott:tiger@h/db"));
    const auto error = error_of([&] { load_config(project.overrides()); });
    REQUIRE(error);
    CHECK(error->message() == "DATABASE_URL: unsupported database URL 'oracle://scott:***@h/db'");
    CHECK_FALSE(contains(error->describe(), "tiger"));
  }
  ConfigOverrides overrides = project.overrides();
  overrides.url = "oracle://scott:tiger@h/db";
  const auto error = error_of([&] { load_config(overrides); });
  REQUIRE(error);
  CHECK(error->message() == "--url: unsupported database URL 'oracle://scott:***@h/db'");
}

TEST_CASE("config: without any database the error says how to configure one") {
  const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
  const ScratchProject project("models: models.yaml\n");
  const auto error = error_of([&] { load_config(project.overrides()); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::usage);
  CHECK(error->message() == "no database configured");
  CHECK(contains(error->hint(), "database_url"));
  CHECK(contains(error->hint(), "DATABASE_URL"));
  CHECK(contains(error->hint(), "--url"));
}

TEST_CASE("config: a missing dbmig.yaml is fine when the database comes from --url or DATABASE_URL") {
  const fs::path empty_directory = config_data / "basic" / "extra";  // has no dbmig.yaml
  const ConfigOverrides overrides{std::nullopt, empty_directory.string(), std::nullopt, {}};
  {
    const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
    const auto error = error_of([&] { load_config(overrides); });
    REQUIRE(error);
    CHECK(contains(error->message(), "no dbmig.yaml in"));
    CHECK(contains(error->hint(), "dbmig init"));

    ConfigOverrides with_url = overrides;
    with_url.url = "sqlite:///:memory:";
    const Config config = load_config(with_url);
    CHECK(config.file.empty());
    CHECK(config.database_url == "sqlite:///:memory:");
    CHECK(config.models == std::vector<std::string>{"models.yaml"});
    CHECK(config.migrations == "migrations");
    CHECK(config.version_table == "dbmig_version");
    CHECK(config.base_directory == empty_directory);
  }
  const ScopedEnvironment env_url("DATABASE_URL", std::string("sqlite:///env.db"));
  CHECK(load_config(overrides).database_url == "sqlite:///env.db");
}

TEST_CASE("config: -c reads that file, and paths are relative to its directory") {
  const ScopedEnvironment no_env_url("DATABASE_URL", std::nullopt);
  const fs::path file = config_data / "nested" / "conf" / "dbmig.yaml";
  const Config config = load_config(ConfigOverrides{file.string(), std::nullopt, std::nullopt, {}});
  CHECK(config.file == file);
  CHECK(config.base_directory == file.parent_path());
  CHECK(config.database_url == "sqlite:///nested.db");
  CHECK(config.model_files() == std::vector<fs::path>{(file.parent_path() / "models.yaml").lexically_normal()});

  // -d still names the project directory when given with -c.
  const Config with_directory = load_config(ConfigOverrides{file.string(), config_data.string(), std::nullopt, {}});
  CHECK(with_directory.base_directory == config_data);

  const auto missing = error_of([] { load_config(ConfigOverrides{"/nonexistent/dbmig.yaml", std::nullopt, std::nullopt, {}}); });
  REQUIRE(missing);
  CHECK(missing->message() == "configuration file '/nonexistent/dbmig.yaml' does not exist");
}

TEST_CASE("config: lock_timeout defaults to 5s; lock_retries is a number from 0 to 100") {
  const ScratchProject project("database_url: sqlite:///x.db\n");
  CHECK(load_config(project.overrides()).lock_timeout == std::optional<std::string>("5s"));
  CHECK(load_config(project.overrides()).lock_retries == 5);
  const ScratchProject set("database_url: sqlite:///x.db\nlock_timeout: 0\nlock_retries: 0\n");
  CHECK(load_config(set.overrides()).lock_timeout == std::optional<std::string>("0"));
  CHECK(load_config(set.overrides()).lock_retries == 0);
  const ScratchProject bad("database_url: sqlite:///x.db\nlock_retries: many\n");
  const auto error = error_of([&] { load_config(bad.overrides()); });
  REQUIRE(error);
  CHECK(error->where()->line == 2);
  CHECK(error->message() == "lock_retries 'many' is not a number of retries from 0 to 100");
}
