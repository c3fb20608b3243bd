#include "harness.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "cli/cli.hpp"
#include "config/database_url.hpp"
#include "dialect/registry.hpp"
#include "model/model.hpp"

namespace dbmig::test {

namespace fs = std::filesystem;

namespace {

std::string random_suffix() {
  static std::mt19937_64 generator{std::random_device{}()};
  static const char digits[] = "0123456789abcdef";
  std::string suffix;
  for (int i = 0; i < 12; ++i) suffix += digits[generator() % 16];
  return suffix;
}

class SqliteDatabase final : public TestDatabase {
 public:
  SqliteDatabase() : file_(dir_.path / "test.db") {}
  ~SqliteDatabase() override { check_inspect_loads(); }
  std::string url() const override { return "sqlite:///" + file_.string(); }  // absolute: sqlite:////tmp/...
  std::string dialect_name() const override { return "sqlite"; }

 private:
  TempDir dir_;
  fs::path file_;
};

// How a server dialect's test databases are made and dropped, and where its server is.
struct ServerKind {
  const char* dialect;       // "postgresql", "mysql"
  const char* server_label;  // for messages: "PostgreSQL"
  const char* url_variable;  // DBMIG_TEST_PG_URL: the server's URL (any database on it)
  const char* require_variable;  // DBMIG_REQUIRE_PG=1: a missing server fails the test
  std::string (*create)(const std::string& name);
  std::string (*drop)(const std::string& name);
};

const ServerKind kPostgres{"postgresql", "PostgreSQL", "DBMIG_TEST_PG_URL", "DBMIG_REQUIRE_PG",
                           [](const std::string& name) { return "CREATE DATABASE \"" + name + "\""; },
                           [](const std::string& name) { return "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)"; }};
const ServerKind kMysql{"mysql", "MariaDB", "DBMIG_TEST_MARIADB_URL", "DBMIG_REQUIRE_MARIADB",
                        [](const std::string& name) { return "CREATE DATABASE `" + name + "`"; },
                        [](const std::string& name) { return "DROP DATABASE IF EXISTS `" + name + "`"; }};

// A database of its own on the test server, dropped when the test ends.
class ServerDatabase final : public TestDatabase {
 public:
  ServerDatabase(const ServerKind& kind, std::string server_url) : kind_(kind), server_url_(std::move(server_url)) {
    name_ = "dbmig_test_" + random_suffix();
    auto admin = admin_connection();
    admin->execute({kind_.create(name_), {}});
    const auto query = server_url_.find('?');
    const auto slash = server_url_.rfind('/', query == std::string::npos ? std::string::npos : query);
    url_ = server_url_.substr(0, slash + 1) + name_ + (query == std::string::npos ? "" : server_url_.substr(query));
  }
  ~ServerDatabase() override {
    check_inspect_loads();
    try {
      admin_connection()->execute({kind_.drop(name_), {}});
    } catch (...) {
      // A leftover database on a throwaway server is harmless; never throw from a destructor.
    }
  }
  std::string url() const override { return url_; }
  std::string dialect_name() const override { return kind_.dialect; }

 private:
  std::unique_ptr<dialect::Connection> admin_connection() const {
    const auto parsed = dialect::parse_database_url(server_url_);
    return dialect::make_dialect(parsed)->connect(parsed);
  }
  const ServerKind& kind_;
  std::string server_url_;
  std::string name_;
  std::string url_;
};

std::unique_ptr<TestDatabase> make_server_database(const ServerKind& kind) {
  const char* server = std::getenv(kind.url_variable);
  const char* required = std::getenv(kind.require_variable);
  if (!server || !*server) {
    // As std::string: doctest prints a plain const char* as an address.
    const std::string variable = kind.url_variable, requirement = kind.require_variable, label = kind.server_label;
    if (required && std::string(required) == "1")
      FAIL(requirement << "=1 but " << variable << " is not set: no " << label << " server for the tests");
    MESSAGE("SKIPPED on " << label << ": " << variable << " is not set (run scripts/test.sh to start a server)");
    return nullptr;
  }
  return std::make_unique<ServerDatabase>(kind, server);
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "dbmig-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

void TestDatabase::check_inspect_loads() const noexcept {
  std::string models;
  try {
    const TempDir project;  // no dbmig.yaml: the default naming convention
    std::ostringstream out, err;
    if (cli::run({"dbmig", "-d", project.path.string(), "--url", url(), "inspect"}, out, err) != 0) return;
    models = out.str();
    model::load_string(models, "inspected.yaml", schema::NamingConvention{});
  } catch (const std::exception& error) {
    const std::string refusal = error.what();
    FAIL_CHECK("`dbmig inspect` of the test's database wrote a models file dbmig refuses: " << refusal << "\n"
                                                                                              << models);
  }
}

const dialect::Dialect& TestDatabase::dialect() const {
  if (!dialect_) dialect_ = dialect::make_dialect(dialect::parse_database_url(url()));
  return *dialect_;
}

std::unique_ptr<dialect::Connection> TestDatabase::connect() const {
  return dialect().connect(dialect::parse_database_url(url()));
}

schema::Schema TestDatabase::introspect() const {
  auto connection = connect();
  return dialect().introspect(*connection, {"dbmig_version", "dbmig_history", "dbmig_progress"});
}

std::vector<std::string> TestDatabase::table_names() const {
  auto connection = connect();
  std::vector<std::string> names;
  for (const auto& table : dialect().introspect(*connection, {"dbmig_history", "dbmig_progress"}).tables) names.push_back(table.name);
  std::sort(names.begin(), names.end());
  return names;
}

long long TestDatabase::count_rows(const std::string& table) const {
  auto connection = connect();
  const auto rows = connection->query({"SELECT COUNT(*) FROM " + dialect().quote_identifier(table), {}});
  return std::stoll(rows.at(0).at(0).value());
}

std::unique_ptr<TestDatabase> make_database(std::string_view backend) {
  if (backend == "sqlite") return std::make_unique<SqliteDatabase>();
  if (backend == "mysql") return make_server_database(kMysql);
  return make_server_database(kPostgres);
}

Project::Project(std::string database_url) : url_(std::move(database_url)) {
  const auto init = run({"init"});
  if (init.code != 0) throw std::runtime_error("dbmig init failed: " + init.err);
  write("dbmig.yaml", "database_url: \"" + url_ + "\"\nmodels: models.yaml\nmigrations: migrations\n");
}

CliResult Project::run(std::vector<std::string> args) const {
  std::vector<std::string> argv{"dbmig", "-d", dir_.path.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::ostringstream out, err;
  CliResult result;
  result.code = cli::run(argv, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

void Project::write(const std::string& relative_path, const std::string& content) const {
  const auto path = dir_.path / relative_path;
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string Project::read(const std::string& relative_path) const { return read_file(dir_.path / relative_path); }

std::vector<fs::path> Project::revision_files() const {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_.path / "migrations" / "versions"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace dbmig::test
