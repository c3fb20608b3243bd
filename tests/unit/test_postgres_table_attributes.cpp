// Attributes only PostgreSQL keeps, which SQLite's normalize clears: NO INHERIT on a check and
// UNLOGGED tables. Read from models, written back, compared, rendered. Issue 13.
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include "diff/diff.hpp"
#include "dialect/postgres/postgres_dialect.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "error_capture.hpp"
#include "model/model.hpp"
#include "ops/yaml.hpp"
#include "yaml_emit.hpp"

using namespace dbmig;
using dbmig::test::contains;

namespace {

schema::Schema load(std::string_view yaml) { return model::load_string(yaml, "m.yaml", schema::NamingConvention{}); }

std::string postgres_sql(const ops::Op& op) {
  static const auto postgres = dialect::postgres::make_postgres_dialect();
  std::string out;
  for (const auto& statement : postgres->render(op, dialect::RenderContext{})) out += statement.sql + ";\n";
  return out;
}

}  // namespace

TEST_CASE("check no_inherit: read, written, compared, and a step's key") {
  const schema::Schema schema = load(R"y(
tables:
  t:
    columns:
      qty: {type: integer}
    checks:
      - {name: qty_ok, expr: "qty >= 0", no_inherit: true}
)y");
  const schema::CheckConstraint& check = schema.tables[0].checks[0];
  CHECK(check.no_inherit);
  const std::string yaml = model::schema_to_yaml(schema, schema::NamingConvention{});
  CHECK(contains(yaml, "no_inherit: true"));
  CHECK(load(yaml) == schema);

  schema::Schema inherited = schema;
  inherited.tables[0].checks[0].no_inherit = false;
  const diff::Result result = diff::compare(schema, inherited);
  REQUIRE(result.upgrade.size() == 2);  // dropped and added again
  CHECK(std::holds_alternative<ops::DropCheck>(result.upgrade[0]));
  CHECK(result.upgrade[1] == ops::Op{ops::AddCheck{{"t", ""}, check}});

  const std::string step = test::emit(ops::to_yaml(result.upgrade[1]));
  CHECK(step == "create_check: {table: t, name: ck_t_qty_ok, expr: qty >= 0, no_inherit: true}");
  CHECK(ops::from_yaml(YAML::Load(step), "s.yaml", schema::NamingConvention{}) == result.upgrade[1]);

  schema::Schema on_sqlite = schema;
  dialect::sqlite::make_sqlite_dialect()->normalize(on_sqlite);
  CHECK(!on_sqlite.tables[0].checks[0].no_inherit);
}

TEST_CASE("postgresql unlogged: read, written, created UNLOGGED, cleared on SQLite, a change warned about") {
  const schema::Schema schema = load(R"y(
tables:
  cache:
    columns:
      k: {type: text, primary_key: true}
    postgresql: {unlogged: true}
)y");
  CHECK(schema.tables[0].postgresql.unlogged);
  const std::string yaml = model::schema_to_yaml(schema, schema::NamingConvention{});
  CHECK(contains(yaml, "postgresql: {unlogged: true}"));
  CHECK(load(yaml) == schema);
  CHECK(contains(postgres_sql(ops::CreateTable{schema.tables[0]}), "CREATE UNLOGGED TABLE \"cache\""));

  schema::Schema on_sqlite = schema;
  dialect::sqlite::make_sqlite_dialect()->normalize(on_sqlite);
  CHECK(!on_sqlite.tables[0].postgresql.unlogged);

  schema::Schema logged = schema;
  logged.tables[0].postgresql.unlogged = false;
  const diff::Result result = diff::compare(schema, logged);
  CHECK(result.upgrade.empty());
  REQUIRE(result.warnings.size() == 1);
  CHECK(contains(result.warnings[0], "SET LOGGED"));

  const auto error = test::error_of([] { load("tables:\n  t:\n    columns: {a: {type: text}}\n    postgresql: {unlogd: true}\n"); });
  REQUIRE(error);
  CHECK(contains(error->what(), "unlogd"));
}
