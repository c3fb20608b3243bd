// Index fidelity (issue 13): terms in their order with collate / opclass / order / nulls, and the
// index's access method, INCLUDE columns and NULLS NOT DISTINCT, through models.yaml, revision
// steps, the diff and both renderers.
#include <doctest/doctest.h>

#include <functional>

#include "dialect/postgres/postgres_dialect.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "diff/diff.hpp"
#include "error_capture.hpp"
#include "model/model.hpp"
#include "ops/yaml.hpp"
#include "yaml_emit.hpp"

using namespace dbmig;
using schema::IndexTerm;
using schema::NullsOrder;
using test::contains;
using test::emit;
using test::error_of;

namespace {

const schema::NamingConvention naming;

constexpr std::string_view kRichModels = R"yaml(tables:
  people:
    columns:
      id: {type: integer, primary_key: true}
      org: {type: integer}
      email: {type: text}
      name: {type: text}
      code: {type: text}
    indexes:
      - {name: ix_people_mixed, columns: [org, {expression: lower(email), order: desc}, {column: name, collate: C, opclass: text_pattern_ops, order: desc, nulls: last}], unique: true, include: [code], nulls_not_distinct: true}
      - {name: ix_people_code, columns: [code], using: gin}
    unique:
      - {name: uq_people_code, columns: [code], nulls_not_distinct: true, deferrable: true, initially: deferred}
)yaml";

schema::Schema load(std::string_view yaml) { return model::load_string(yaml, "m.yaml", naming); }

const schema::Index& index_named(const schema::Table& table, std::string_view name) {
  for (const schema::Index& index : table.indexes)
    if (index.name == name) return index;
  FAIL("no index " << name);
  throw;
}

std::string rendered(const dialect::Dialect& dialect, const ops::Op& op) {
  std::string sql;
  for (const dialect::Statement& statement : dialect.render(op, dialect::RenderContext{})) sql += statement.sql + ";\n";
  return sql;
}

}  // namespace

TEST_CASE("index terms: the rich form reads every option, in term order") {
  const schema::Schema schema = load(kRichModels);
  const schema::Table& people = *schema.find_table("people");
  const schema::Index& mixed = index_named(people, "ix_people_mixed");
  REQUIRE(mixed.terms.size() == 3);
  CHECK(mixed.terms[0] == IndexTerm::of_column("org"));
  CHECK(mixed.terms[1].expression == "lower(email)");
  CHECK(mixed.terms[1].descending);
  CHECK(mixed.terms[2].column == "name");
  CHECK(mixed.terms[2].collate == "C");
  CHECK(mixed.terms[2].opclass == "text_pattern_ops");
  CHECK(mixed.terms[2].descending);
  CHECK(mixed.terms[2].nulls == NullsOrder::last);  // not DESC's default, so kept
  CHECK(mixed.include == std::vector<std::string>{"code"});
  CHECK(mixed.nulls_not_distinct);
  CHECK(index_named(people, "ix_people_code").method == "gin");
  REQUIRE(people.uniques.size() == 1);
  CHECK(people.uniques[0].nulls_not_distinct);
  CHECK(people.uniques[0].deferrable);
  CHECK(people.uniques[0].initially_deferred);
}

TEST_CASE("index terms: options that are the default read as no option") {
  const schema::Schema schema = load(R"yaml(tables:
  t:
    columns: {id: {type: integer, primary_key: true}, a: {type: integer}}
    indexes:
      - {columns: [{column: a, order: asc, nulls: last}], using: BTREE}
      - {name: ix_t_desc, columns: [{column: a, order: desc, nulls: first}]}
)yaml");
  const schema::Table& t = *schema.find_table("t");
  CHECK(t.indexes[0] == schema::Index{"ix_t_a", {IndexTerm::of_column("a")}, false, std::nullopt});
  CHECK(t.indexes[1].terms[0].descending);
  CHECK_FALSE(t.indexes[1].terms[0].nulls);
}

TEST_CASE("index terms: models.yaml writes the rich form back to the same schema, the simple form when it says all") {
  const schema::Schema schema = load(kRichModels);
  const std::string text = model::schema_to_yaml(schema, naming);
  CAPTURE(text);
  CHECK(contains(text, "{expression: lower(email), order: desc}"));
  CHECK(contains(text, "using: gin"));
  const schema::Schema back = load(text);  // its indexes in name order
  const schema::Table& people = *schema.find_table("people");
  for (const schema::Index& index : people.indexes) CHECK(index_named(*back.find_table("people"), index.name) == index);
  CHECK(back.find_table("people")->uniques == people.uniques);

  const schema::Schema plain = load(R"yaml(tables:
  t:
    columns: {id: {type: integer, primary_key: true}, a: {type: integer}, b: {type: text}}
    indexes:
      - {columns: [a, b]}
      - {name: ix_t_lower, columns: [a], expressions: [lower(b)]}
)yaml");
  const std::string plain_text = model::schema_to_yaml(plain, naming);
  CAPTURE(plain_text);
  CHECK(contains(plain_text, "{columns: [a, b]}"));
  CHECK(contains(plain_text, "{name: ix_t_lower, columns: [a], expressions: [lower(b)]}"));
  CHECK_FALSE(contains(plain_text, "expression:"));
}

TEST_CASE("index terms: bad input is reported at file:line:column") {
  struct Case {
    std::string yaml;
    const char* position;
    const char* message;
    const char* hint;
  };
  const std::string head = "tables:\n  t:\n    columns: {id: {type: integer}, a: {type: integer}}\n    indexes:\n";
  const std::vector<Case> cases = {
      {head + "      - {columns: [{column: a, order: sideways}]}\n", "5:39", "unknown order 'sideways'", "asc or desc"},
      {head + "      - {columns: [{column: a, nulls: middle}]}\n", "5:39", "unknown nulls order 'middle'", "first or last"},
      {head + "      - {columns: [{column: a, expression: a + 1}]}\n", "5:20", "a column or an expression, not both",
       "{expression:"},
      {head + "      - {columns: [{order: desc}]}\n", "5:20", "not neither", "{column: name"},
      {head + "      - {columns: [{column: a, sort: desc}]}\n", "5:32", "unknown key 'sort'", "order"},
      {head + "      - {columns: [a], nulls_not_distinct: true}\n", "5:44", "only for a unique index", "unique: true"},
      {head + "      - {columns: [a], include: [b]}\n", "5:9", "names unknown column 'b'", "columns: id, a"},
      {head + "      - {columns: [a], using: \"gin; drop\"}\n", "5:31", "bad access method", "gin"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.yaml);
    const auto error = error_of([&] { load(c.yaml); });
    REQUIRE(error);
    REQUIRE(error->where());
    CHECK(error->where()->to_string() == std::string("m.yaml:") + c.position);
    CHECK(contains(error->message(), c.message));
    CHECK(contains(error->hint(), c.hint));
  }
}

TEST_CASE("index terms: create_index and create_unique steps keep every option") {
  const schema::Schema schema = load(kRichModels);
  const schema::Table& people = *schema.find_table("people");
  const ops::TableName table{"people", ""};
  for (const ops::Op& op : std::vector<ops::Op>{ops::CreateIndex{table, index_named(people, "ix_people_mixed")},
                                                ops::CreateIndex{table, index_named(people, "ix_people_code")},
                                                ops::AddUnique{table, people.uniques[0]}}) {
    const std::string text = emit(ops::to_yaml(op));
    CAPTURE(text);
    CHECK(ops::from_yaml(YAML::Load(text), "steps.yaml", naming) == op);
  }
  CHECK(emit(ops::to_yaml(ops::CreateIndex{table, index_named(people, "ix_people_code")})) ==
        "create_index: {table: people, name: ix_people_code, columns: [code], using: gin}");
  const auto error = error_of([&] {
    ops::from_yaml(YAML::Load("create_index: {table: t, columns: [{column: a, order: sideways}]}"), "steps.yaml",
                   naming);
  });
  REQUIRE(error);
  CHECK(contains(error->message(), "unknown order 'sideways'"));
}

TEST_CASE("index terms: the diff drops and creates an index whose opclass, method or INCLUDE changed") {
  const schema::Schema desired = load(kRichModels);
  for (const auto& change : std::vector<std::function<void(schema::Index&)>>{
           [](schema::Index& index) { index.terms[2].opclass.reset(); },
           [](schema::Index& index) { index.terms[1].descending = false; },
           [](schema::Index& index) { index.terms[2].collate = "POSIX"; },
           [](schema::Index& index) { index.include.clear(); },
           [](schema::Index& index) { index.nulls_not_distinct = false; },
           [](schema::Index& index) { index.method = "gist"; },
           [](schema::Index& index) { std::swap(index.terms[0], index.terms[1]); }}) {
    schema::Schema live = desired;
    change(live.tables[0].indexes[0]);
    const diff::Result result = diff::compare(desired, live);
    REQUIRE(result.upgrade.size() == 2);
    CHECK(std::holds_alternative<ops::DropIndex>(result.upgrade[0]));
    CHECK(std::holds_alternative<ops::CreateIndex>(result.upgrade[1]));
  }
  CHECK(diff::compare(desired, desired).empty());
}

TEST_CASE("index terms: PostgreSQL renders every option") {
  const schema::Schema schema = load(kRichModels);
  const schema::Table& people = *schema.find_table("people");
  const auto postgres = dialect::postgres::make_postgres_dialect();
  const ops::TableName table{"people", ""};
  CHECK(rendered(*postgres, ops::CreateIndex{table, index_named(people, "ix_people_mixed")}) ==
        R"(CREATE UNIQUE INDEX "ix_people_mixed" ON "people" ("org", (lower(email)) DESC, )"
        R"("name" COLLATE "C" "text_pattern_ops" DESC NULLS LAST) INCLUDE ("code") NULLS NOT DISTINCT;
)");
  CHECK(rendered(*postgres, ops::CreateIndex{table, index_named(people, "ix_people_code")}) ==
        "CREATE INDEX \"ix_people_code\" ON \"people\" USING \"gin\" (\"code\");\n");
  CHECK(rendered(*postgres, ops::AddUnique{table, people.uniques[0]}) ==
        "ALTER TABLE \"people\" ADD CONSTRAINT \"uq_people_code\" UNIQUE NULLS NOT DISTINCT (\"code\") "
        "DEFERRABLE INITIALLY DEFERRED;\n");
}

TEST_CASE("index terms: SQLite renders COLLATE and DESC, and refuses what only PostgreSQL has") {
  const auto sqlite = dialect::sqlite::make_sqlite_dialect();
  const ops::TableName table{"t", ""};
  schema::Index ordered{"ix_t", {IndexTerm::of_expression("lower(b)"), IndexTerm::of_column("a")}, false, std::nullopt};
  ordered.terms[0].descending = true;
  ordered.terms[1].collate = "NOCASE";
  CHECK(rendered(*sqlite, ops::CreateIndex{table, ordered}) ==
        "CREATE INDEX \"ix_t\" ON \"t\" (lower(b) DESC, \"a\" COLLATE \"NOCASE\");\n");

  schema::Index gin{"ix_t_doc", {IndexTerm::of_column("doc")}, false, std::nullopt};
  gin.method = "gin";
  const auto error = error_of([&] { rendered(*sqlite, ops::CreateIndex{table, gin}); });
  REQUIRE(error);
  CHECK(contains(error->message(), "SQLite cannot build index \"ix_t_doc\""));
  CHECK(contains(error->message(), "access method gin"));

  schema::Index included{"ix_t_a", {IndexTerm::of_column("a")}, false, std::nullopt};
  included.include = {"b"};
  CHECK(error_of([&] { rendered(*sqlite, ops::CreateIndex{table, included}); }));
  schema::UniqueConstraint deferred{"uq_t_a", {"a"}};
  deferred.deferrable = true;
  schema::Table with_unique;
  with_unique.name = "t";
  with_unique.columns = {schema::Column{"a", schema::parse_type("integer"), true, {}, {}, false, {}, {}, {}, {}}};
  with_unique.uniques = {deferred};
  const auto unique_error = error_of([&] { rendered(*sqlite, ops::CreateTable{with_unique}); });
  REQUIRE(unique_error);
  CHECK(contains(unique_error->message(), "SQLite cannot build unique constraint \"uq_t_a\": it is DEFERRABLE"));
}
