// Diff behaviour that the table-driven cases (test_diff_cases.cpp) cannot express: schemas built
// in code (unnamed constraints as SQLite reports them, thousands of tables) and the type-change
// rules behind the warnings.
#include <doctest/doctest.h>

#include "diff/diff.hpp"
#include "diff/type_change.hpp"
#include "model/model.hpp"

namespace {

using namespace dbmig;

const schema::NamingConvention naming;

schema::Column column(std::string name, std::string type, bool nullable = true) {
  schema::Column made;
  made.name = std::move(name);
  made.type = schema::parse_type(type);
  made.nullable = nullable;
  return made;
}

// Table i refers to table i-1; declared newest first so the diff has to reorder them.
schema::Schema chain_of_tables(int count) {
  schema::Schema schema;
  for (int i = count - 1; i >= 0; --i) {
    schema::Table table;
    table.name = "t" + std::to_string(i);
    table.columns = {column("id", "integer", false), column("previous_id", "integer")};
    table.primary_key = schema::PrimaryKey{"pk_" + table.name, {"id"}};
    table.indexes.push_back(schema::Index{"ix_" + table.name + "_previous_id", schema::column_terms({"previous_id"}), false, {}});
    if (i > 0)
      table.foreign_keys.push_back(schema::ForeignKey{"fk_" + table.name, {"previous_id"}, "t" + std::to_string(i - 1),
                                                      "", {"id"}, {}, {}});
    schema.tables.push_back(std::move(table));
  }
  return schema;
}

std::string created_table(const ops::Op& op) { return std::get<ops::CreateTable>(op).table.name; }

}  // namespace

TEST_CASE("diff: a thousand equal tables compare equal (hash lookups, not pairwise)") {
  const schema::Schema schema = chain_of_tables(1000);
  const diff::Result result = diff::compare(schema, schema);
  CHECK(result.empty());
  CHECK(result.warnings.empty());
}

TEST_CASE("diff: a thousand new tables are created referenced first") {
  const schema::Schema desired = chain_of_tables(1000);
  const diff::Result result = diff::compare(desired, schema::Schema{});
  REQUIRE(result.upgrade.size() == 1000);
  CHECK(created_table(result.upgrade.front()) == "t0");
  CHECK(created_table(result.upgrade.back()) == "t999");
  REQUIRE(result.downgrade.size() == 1000);
  CHECK(std::get<ops::DropTable>(result.downgrade.front()).table.name == "t999");
}

TEST_CASE("diff: constraints the database reports without a name match named ones by definition") {
  const schema::Schema desired = model::load_string(R"yaml(
tables:
  users:
    columns:
      id: {type: integer, primary_key: true}
      email: {type: string(120), unique: true}
  posts:
    columns:
      id: {type: integer, primary_key: true}
      user_id: {type: integer, references: users.id, on_delete: cascade}
    checks: [{name: id_positive, expr: "id > 0"}]
)yaml",
                                                    "models.yaml", naming);
  schema::Schema live = desired;  // as SQLite would report it: no constraint names
  for (auto& table : live.tables) {
    table.primary_key->name.clear();
    for (auto& unique : table.uniques) unique.name.clear();
    for (auto& key : table.foreign_keys) key.name.clear();
  }
  CHECK(diff::compare(desired, live).empty());

  live.tables.at(1).foreign_keys.at(0).on_delete = schema::ReferentialAction::no_action;
  const diff::Result changed = diff::compare(desired, live);
  REQUIRE(changed.upgrade.size() == 2);
  CHECK(ops::kind_name(changed.upgrade.at(0)) == "drop_foreign_key");
  CHECK(ops::kind_name(changed.upgrade.at(1)) == "create_foreign_key");
}

TEST_CASE("diff: renamed_from is ignored when the old name is still in the model or already gone") {
  schema::Schema live;
  schema::Table users;
  users.name = "users";
  users.columns = {column("id", "integer", false)};
  live.tables.push_back(users);

  schema::Schema desired = live;  // keeps `users` and adds `members` "renamed from" it
  schema::Table members = users;
  members.name = "members";
  members.renamed_from = "users";
  desired.tables.push_back(members);
  const diff::Result result = diff::compare(desired, live);
  REQUIRE(result.upgrade.size() == 1);
  CHECK(ops::kind_name(result.upgrade.at(0)) == "create_table");
  CHECK(!std::get<ops::CreateTable>(result.upgrade.at(0)).table.renamed_from);  // hints stay in the model

  schema::Schema renamed_already = live;
  renamed_already.tables.at(0).name = "members";
  renamed_already.tables.at(0).renamed_from = "users";
  schema::Schema live_renamed = live;
  live_renamed.tables.at(0).name = "members";
  CHECK(diff::compare(renamed_already, live_renamed).empty());
}

TEST_CASE("diff: which type changes can lose or reject values") {
  using diff::detail::classify_type_change;
  using diff::detail::TypeChange;
  const auto change = [](const char* from, const char* to) {
    return classify_type_change(schema::parse_type(from), schema::parse_type(to));
  };
  CHECK(change("smallint", "bigint") == TypeChange::widening);
  CHECK(change("bigint", "integer") == TypeChange::narrowing);
  CHECK(change("string(20)", "string(40)") == TypeChange::widening);
  CHECK(change("string(40)", "string(20)") == TypeChange::narrowing);
  CHECK(change("text", "string(20)") == TypeChange::narrowing);
  CHECK(change("string(20)", "text") == TypeChange::widening);
  CHECK(change("float", "double") == TypeChange::widening);
  CHECK(change("double", "float") == TypeChange::narrowing);
  CHECK(change("numeric(10, 2)", "numeric(12, 2)") == TypeChange::widening);
  CHECK(change("numeric(10, 2)", "numeric(10, 3)") == TypeChange::narrowing);
  CHECK(change("numeric(10, 2)", "numeric") == TypeChange::widening);
  CHECK(change("integer", "numeric") == TypeChange::widening);
  CHECK(change("enum(a, b)", "enum(a, b, c)") == TypeChange::widening);
  CHECK(change("enum(a, b, c)", "enum(a, b)") == TypeChange::narrowing);
  CHECK(change("integer", "text") == TypeChange::widening);
  CHECK(change("text", "integer") == TypeChange::conversion);
  CHECK(change("date", "datetime") == TypeChange::conversion);
}

namespace {

// archive.events refers to users, a table of the connection's default schema ("public"), declared
// after it: the key names the schema, the table is kept without one (Schema::fold_schema).
schema::Schema events_referring_to_public_users() {
  schema::Table events;
  events.name = "events";
  events.schema = "archive";
  events.columns = {column("id", "integer", false), column("user_id", "integer")};
  events.foreign_keys.push_back(schema::ForeignKey{"fk_events_user_id_users", {"user_id"}, "users", "public", {"id"}, {}, {}});
  schema::Table users;
  users.name = "users";
  users.columns = {column("id", "integer", false)};
  users.primary_key = schema::PrimaryKey{"pk_users", {"id"}};
  schema::Schema schema;
  schema.tables = {events, users};
  schema.unqualified_schema = "public";
  return schema;
}

std::vector<std::string> table_names(const std::vector<ops::Op>& steps) {
  std::vector<std::string> names;
  for (const auto& step : steps) {
    if (const auto* create = std::get_if<ops::CreateTable>(&step)) names.push_back(create->table.name);
    if (const auto* drop = std::get_if<ops::DropTable>(&step)) names.push_back(drop->table.name);
  }
  return names;
}

}  // namespace

TEST_CASE("diff: a table in another schema is created after the default-schema table it refers to") {
  const schema::Schema desired = events_referring_to_public_users();
  const diff::Result result = diff::compare(desired, schema::Schema{});
  CHECK(table_names(result.upgrade) == std::vector<std::string>{"users", "events"});
  CHECK(table_names(result.downgrade) == std::vector<std::string>{"events", "users"});
}

TEST_CASE("diff: a table in another schema is dropped before the default-schema table it refers to") {
  const schema::Schema live = events_referring_to_public_users();
  schema::Schema desired;
  desired.unqualified_schema = "public";
  const diff::Result result = diff::compare(desired, live);
  CHECK(table_names(result.upgrade) == std::vector<std::string>{"events", "users"});
}

TEST_CASE("schema: fold_schema records the default schema, which equality ignores") {
  schema::Schema models;
  models.tables.push_back(schema::Table{});
  models.tables.back().name = "users";
  models.tables.back().schema = "public";
  schema::Schema read = models;
  read.tables.back().schema.clear();
  models.fold_schema("public");
  CHECK(models.unqualified_schema == "public");
  CHECK(models.qualifier_of("public").empty());
  CHECK(models.qualifier_of("archive") == "archive");
  CHECK(models == read);  // read has no unqualified_schema: the same tables all the same
}

// Issue 13: models naming an index or constraint differently from the database, with the same
// definition, matched by definition and changed nothing: the database kept the old name.
TEST_CASE("diff: an index or constraint whose name alone differs is renamed, both ways") {
  const schema::Schema desired = model::load_string(R"yaml(
tables:
  users:
    columns:
      id: {type: integer, primary_key: true}
      email: {type: string(120)}
      age: {type: integer}
    indexes: [{name: new_email_idx, columns: [email]}]
    unique: [{name: uq_new, columns: [email, age]}]
    checks: [{exact_name: adult, expr: "age >= 18"}]
)yaml",
                                                    "models.yaml", naming);
  schema::Schema live = desired;
  schema::Table& users = live.tables.at(0);
  users.indexes.at(0).name = "old_email_idx";
  users.uniques.at(0).name = "uq_old";
  users.checks.at(0).name = "grown_up";

  const diff::Result result = diff::compare(desired, live);
  REQUIRE(result.upgrade.size() == 3);
  std::vector<std::string> kinds;
  for (const auto& op : result.upgrade) kinds.push_back(ops::kind_name(op));
  CHECK(kinds == std::vector<std::string>{"rename_index", "rename_constraint", "rename_constraint"});
  CHECK(std::get<ops::RenameIndex>(result.upgrade.at(0)) ==
        ops::RenameIndex{{"users", ""}, "old_email_idx", "new_email_idx"});
  CHECK(std::get<ops::RenameConstraint>(result.upgrade.at(1)) == ops::RenameConstraint{{"users", ""}, "uq_old", "uq_new"});
  CHECK(std::get<ops::RenameConstraint>(result.upgrade.at(2)) == ops::RenameConstraint{{"users", ""}, "grown_up", "adult"});
  REQUIRE(result.downgrade.size() == 3);
  CHECK(std::get<ops::RenameConstraint>(result.downgrade.at(0)) ==
        ops::RenameConstraint{{"users", ""}, "adult", "grown_up"});

  // Applying the upgrade to the live schema gives the models' names.
  schema::Schema upgraded = live;
  for (const auto& op : result.upgrade) ops::apply(upgraded, op);
  CHECK(upgraded == desired);
}

// Renaming a table (or a column) leaves the conventional names built on the old name: renaming
// them changes nothing the database enforces, and on SQLite would rebuild the table.
TEST_CASE("diff: a name the naming convention gives is no reason to rename") {
  const schema::Schema desired = model::load_string(R"yaml(
tables:
  members:
    renamed_from: users
    columns:
      id: {type: integer, primary_key: true}
      email: {type: string(120), index: true, unique: true}
)yaml",
                                                    "models.yaml", naming);
  const schema::Schema live = model::load_string(R"yaml(
tables:
  users:
    columns:
      id: {type: integer, primary_key: true}
      email: {type: string(120), index: true, unique: true}
)yaml",
                                                 "models.yaml", naming);
  const diff::Result result = diff::compare(desired, live);
  REQUIRE(result.upgrade.size() == 1);
  CHECK(ops::kind_name(result.upgrade.at(0)) == "rename_table");

  // The same with a convention of the user's: a name in its form is the convention's.
  schema::NamingConvention custom;
  custom.ix = "%(table)s_%(column_0)s_idx";
  schema::Schema named_desired = desired;
  named_desired.tables.at(0).indexes.at(0).name = "members_email_idx";
  schema::Schema named_live = live;
  named_live.tables.at(0).indexes.at(0).name = "users_email_idx";
  CHECK(diff::compare(named_desired, named_live, {}, custom).upgrade.size() == 1);
  // Under the default convention those names are the user's: the index is renamed.
  CHECK(diff::compare(named_desired, named_live).upgrade.size() == 2);
}

TEST_CASE("diff: a collation change is an alter_column; a generated column's change a drop and an add") {
  const schema::Schema live = model::load_string(R"yaml(
tables:
  boxes:
    columns:
      id: {type: integer, primary_key: true}
      label: {type: text}
      w: {type: integer}
      area: {type: integer, generated: {expr: w * 2, stored: true}}
)yaml",
                                                 "models.yaml", naming);
  schema::Schema desired = live;
  desired.tables[0].columns[1].collation = "NOCASE";
  desired.tables[0].columns[3].generated->expression = "w * 3";
  const diff::Result changed = diff::compare(desired, live);
  REQUIRE(changed.upgrade.size() == 3);
  CHECK(ops::kind_name(changed.upgrade.at(0)) == "drop_column");
  CHECK(ops::kind_name(changed.upgrade.at(1)) == "add_column");
  CHECK(std::get<ops::AddColumn>(changed.upgrade.at(1)).column.generated->expression == "w * 3");
  const auto& alter = std::get<ops::AlterColumn>(changed.upgrade.at(2));
  CHECK(alter.collation == std::optional<std::string>("NOCASE"));
  CHECK_FALSE(alter.type);
  REQUIRE(changed.warnings.size() == 1);
  CHECK(changed.warnings[0].find("'boxes.area' is dropped and added again") != std::string::npos);

  // SQLite table options are not changed on an existing table: a warning says so.
  desired = live;
  desired.tables[0].sqlite.strict = true;
  const diff::Result options = diff::compare(desired, live);
  CHECK(options.upgrade.empty());
  REQUIRE(options.warnings.size() == 1);
  CHECK(options.warnings[0].find("sqlite options") != std::string::npos);
}
