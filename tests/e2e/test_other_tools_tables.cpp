// A database adopted from another migration tool keeps that tool's bookkeeping table
// (alembic_version, schema_migrations, ...). inspect leaves it out of the models and says so;
// migrate and check neither drop it nor report it; a models file that declares it manages it.
#include <doctest/doctest.h>

#include "harness.hpp"

namespace dbmig::test {

namespace {

void run_sql(const TestDatabase& database, const std::string& sql) { database.connect()->execute({sql, {}}); }

// What Alembic leaves after `alembic upgrade head`, and what Rails leaves beside it.
void build_adopted_database(const TestDatabase& database) {
  run_sql(database, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
  run_sql(database, "INSERT INTO alembic_version VALUES ('4f2e1a9b8c7d')");
  run_sql(database, "CREATE TABLE schema_migrations (version VARCHAR(255) NOT NULL PRIMARY KEY)");
  run_sql(database, "CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(80) NOT NULL, CONSTRAINT pk_users PRIMARY KEY (id))");
  run_sql(database, "INSERT INTO users VALUES (1, 'ann')");
}

}  // namespace

TEST_CASE_TEMPLATE("another tool's bookkeeping tables: inspect leaves them out and says so; migrate keeps them",
                   Backend, DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  build_adopted_database(*database);
  Project project(database->url());

  const CliResult inspect = project.run({"inspect", "-o", (project.dir() / "models.yaml").string()});
  INFO(inspect.out << inspect.err);
  REQUIRE(inspect.code == 0);
  const std::string models = project.read("models.yaml");
  CHECK(models.find("users:") != std::string::npos);
  CHECK(models.find("alembic_version") == std::string::npos);
  CHECK(models.find("schema_migrations") == std::string::npos);
  CHECK(inspect.err.find("left out alembic_version (Alembic), schema_migrations (Rails") != std::string::npos);
  CHECK(inspect.out.find("Wrote 1 table") != std::string::npos);

  const CliResult migrate = project.run({"migrate", "-m", "adopt"});
  INFO(migrate.out << migrate.err);
  CHECK(migrate.code == 0);
  CHECK(migrate.out.find("No changes detected") != std::string::npos);
  CHECK(project.revision_files().empty());

  const CliResult check = project.run({"check"});
  INFO(check.out << check.err);
  CHECK(check.code == 0);
  CHECK(check.err.find("left out alembic_version") != std::string::npos);
  CHECK(project.run({"-q", "check"}).err.empty());  // -q: no note
  CHECK(database->count_rows("alembic_version") == 1);
}

TEST_CASE_TEMPLATE("another tool's bookkeeping table that the models declare is the user's to manage", Backend,
                   DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  build_adopted_database(*database);
  Project project(database->url());
  // The models keep schema_migrations (say, Rails still runs beside dbmig) but not alembic_version.
  project.write("models.yaml", R"yaml(tables:
  schema_migrations:
    columns:
      version: {type: string(255), primary_key: true}
  users:
    columns:
      id: {type: integer, primary_key: true, autoincrement: false}
      name: {type: string(80), nullable: false}
      email: {type: string(120)}
)yaml");
  const CliResult migrate = project.run({"migrate", "-m", "add email"});
  INFO(migrate.out << migrate.err);
  REQUIRE(migrate.code == 0);
  REQUIRE(project.revision_files().size() == 1);
  const std::string revision = read_file(project.revision_files().front());
  CHECK(revision.find("add_column") != std::string::npos);
  CHECK(revision.find("schema_migrations") == std::string::npos);  // declared and there: nothing to do
  CHECK(revision.find("alembic_version") == std::string::npos);    // not declared: left alone, not dropped
  CHECK(migrate.err.find("left out alembic_version (Alembic)") != std::string::npos);
  CHECK(migrate.err.find("schema_migrations (") == std::string::npos);
}

}  // namespace dbmig::test
