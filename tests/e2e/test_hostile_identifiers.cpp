// Names that try to break quoting (keywords, quotes, semicolons, spaces, unicode, names of the
// longest length a dialect allows) in every kind of name and expression, on both dialects:
// the loop (models -> migrate -> upgrade -> migrate says "No changes detected" -> downgrade base
// leaves only the version table), the inspect round trip, and a canary table that a name
// containing `"; DROP TABLE canary; --` must leave alone. Issue 12.
#include <doctest/doctest.h>

#include <string>

#include "test_autogenerate_support.hpp"

namespace dbmig::test {

namespace {

// A YAML double-quoted scalar holding `text` exactly.
std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The same text doubled inside an SQL quoted identifier or string.
std::string doubled(std::string_view text, char quote) {
  std::string out;
  for (const char c : text) {
    out += c;
    if (c == quote) out += quote;
  }
  return out;
}
std::string sql_name(std::string_view name) { return "\"" + doubled(name, '"') + "\""; }

const std::string injection = "\"; DROP TABLE canary; --";
const std::string hostile_table = "a \"quoted\" table" + injection;
const std::string quote_column = "x" + injection;                    // x"; DROP TABLE canary; --
const std::string apostrophe_column = "it's; DROP TABLE canary; --";  // for string literals
const std::string unicode_column = "ünïcödé";
const std::string dotted_column = "v1.2, (x)";  // written in double quotes in references
const std::string longest_column(63, 'c');  // PostgreSQL's limit (NAMEDATALEN - 1 bytes)
// 63 bytes, the longest name: "x" then 31 two-byte characters (é). The names built from it (its
// primary key, index and enum type) are too long and shortened, which must not cut a character
// in two: PostgreSQL refuses the invalid UTF-8.
std::string longest_unicode_table() {
  std::string name = "x";
  for (int i = 0; i < 31; ++i) name += "é";
  return name;
}
const std::string comment = "it's a \"comment\"" + injection;

const std::string canary_only = R"yaml(tables:
  canary:
    columns:
      id: {type: integer, primary_key: true}
)yaml";

std::string hostile_models() {
  const std::string q = yaml_quoted(quote_column);
  std::string yaml = canary_only;
  yaml += "  order:\n"
          "    comment: " + yaml_quoted(comment) + "\n"
          "    columns:\n"
          "      id: {type: integer, primary_key: true}\n"
          "      select: {type: text, comment: " + yaml_quoted(comment) + "}\n"
          "      " + yaml_quoted(dotted_column) + ": {type: integer, nullable: false, unique: true}\n";
  yaml += "  " + yaml_quoted(hostile_table) + ":\n"
          "    comment: " + yaml_quoted(comment) + "\n"
          "    columns:\n"
          "      id: {type: integer, primary_key: true}\n"
          "      group: {type: text}\n"
          "      limit: {type: text}\n"
          "      order: {type: integer, nullable: false, default: \"1\"}\n"
          "      table: {type: text}\n"
          "      key: {type: integer}\n"
          "      " + yaml_quoted(apostrophe_column) + ": {type: text, default: " +
          yaml_quoted("'" + doubled(apostrophe_column, '\'') + "'") + ", comment: " + yaml_quoted(comment) + "}\n"
          "      " + q + ": {type: integer}\n"
          "      with space: {type: text, unique: true}\n"
          "      " + yaml_quoted(unicode_column) + ": {type: text, index: true}\n"
          "      Mixed Case: {type: text}\n"
          "      " + longest_column + ": {type: integer}\n"
          "      role: {type: " + yaml_quoted("enum('it''s', 'a, b', '\"dq\"', 'DROP TABLE canary; --')") +
          ", default: " + yaml_quoted("'it''s'") + "}\n"
          "      order_id: {type: integer, references: order.id}\n"
          "      ref_v: {type: integer, references: " + yaml_quoted("order." + sql_name(dotted_column)) + "}\n"
          "    indexes:\n"
          "      - {name: " + yaml_quoted("ix \"group\"" + injection) + ", columns: [id], where: " +
          yaml_quoted("\"group\" IS NOT NULL") + "}\n"
          "      - {name: " + yaml_quoted("ix lower(limit); --") + ", expressions: [" +
          yaml_quoted("lower(\"limit\")") + "]}\n"
          "      - {name: ix_mixed, columns: [Mixed Case, with space], unique: true}\n"
          "    unique:\n"
          "      - {name: " + yaml_quoted("uq 'semi;colon'") + ", columns: [table, order]}\n"
          "    checks:\n"
          "      - {name: " + yaml_quoted("\"order\"" + injection) + ", expr: " + yaml_quoted("\"order\" > 0") + "}\n"
          "      - {name: table_length, expr: " + yaml_quoted("length(\"table\") > 0") + "}\n"
          "      - {name: key_positive, expr: " + yaml_quoted("\"key\" > 0") + "}\n"
          "      - {name: quote_column, expr: " + yaml_quoted(sql_name(quote_column) + " >= 0") + "}\n"
          "      - {name: unicode, expr: " +
          yaml_quoted(sql_name(unicode_column) + " <> '" + doubled(apostrophe_column, '\'') + "'") + "}\n"
          "    foreign_keys:\n"
          "      - {name: " + yaml_quoted("fk \"order\"" + injection) + ", columns: [order_id], references: "
          "\"order(id)\", on_delete: cascade}\n";
  yaml += "  " + yaml_quoted(longest_unicode_table()) + ":\n"
          "    columns:\n"
          "      id: {type: integer, primary_key: true}\n"
          "      " + longest_column + ": {type: \"enum(a, b)\", index: true}\n";
  return yaml;
}

// The hostile table changed: a column renamed to a keyword (the expressions using it follow), a
// column dropped together with the check on it, a column added with a check.
std::string changed_models() {
  std::string yaml = hostile_models();
  const auto replace = [&yaml](const std::string& from, const std::string& to) {
    const auto at = yaml.find(from);
    REQUIRE(at != std::string::npos);
    yaml.replace(at, from.size(), to);
  };
  replace("      limit: {type: text}\n", "      distinct: {type: text, renamed_from: limit}\n");
  replace(yaml_quoted("lower(\"limit\")"), yaml_quoted("lower(\"distinct\")"));
  replace("      " + yaml_quoted(quote_column) + ": {type: integer}\n",
          "      values: {type: integer}\n");
  replace("      - {name: quote_column, expr: " + yaml_quoted(sql_name(quote_column) + " >= 0") + "}\n",
          "      - {name: values_positive, expr: " + yaml_quoted("\"values\" > 0") + "}\n");
  return yaml;
}

void require_run(const Project& project, std::vector<std::string> args) {
  const CliResult result = project.run(args);
  INFO("dbmig " << args.front() << ":\n" << result.out << result.err);
  REQUIRE(result.code == 0);
}

void migrate_and_upgrade(const Project& project, const std::string& message) {
  require_run(project, {"migrate", "-m", message});
  require_run(project, {"upgrade"});
  const CliResult again = project.run({"migrate", "-m", "nothing"});
  INFO(again.out << again.err);
  CHECK(says_no_changes(again));
  CHECK(project.run({"check"}).code == 0);
}

}  // namespace

TEST_CASE_TEMPLATE("hostile identifiers: the loop, the inspect round trip, and no injected statement runs", Backend,
                   DBMIG_TEST_BACKENDS_NOT_YET_MARIADB) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", canary_only);
  migrate_and_upgrade(project, "canary");
  database->connect()->execute({"INSERT INTO canary (id) VALUES (1)", {}});

  const std::string models = hostile_models();
  INFO("models.yaml:\n" << models);
  project.write("models.yaml", models);
  migrate_and_upgrade(project, "hostile names");
  CHECK(database->count_rows("canary") == 1);
  const schema::Schema live = database->introspect();
  REQUIRE(live.find_table(hostile_table) != nullptr);
  CHECK(live.find_table(hostile_table)->find_column(quote_column) != nullptr);
  CHECK(live.find_table(longest_unicode_table()) != nullptr);

  // inspect writes the models back: the same schema, and as models it changes nothing.
  const CliResult inspected = project.run({"inspect"});
  INFO("inspect:\n" << inspected.out << inspected.err);
  REQUIRE(inspected.code == 0);
  const schema::Schema from_models = load_normalized(models, database->dialect());
  const schema::Schema from_inspect = load_normalized(inspected.out, database->dialect());
  INFO("models:\n" << describe(from_models) << "inspected:\n" << describe(from_inspect));
  CHECK(from_inspect == from_models);
  project.write("models.yaml", inspected.out);
  CHECK(says_no_changes(project.run({"migrate", "-m", "nothing"})));

  // Changes to the hostile table: renames into expressions, a SQLite table rebuild.
  project.write("models.yaml", changed_models());
  migrate_and_upgrade(project, "change hostile names");
  CHECK(database->count_rows("canary") == 1);

  require_run(project, {"downgrade", "-1"});
  require_run(project, {"downgrade", "-1"});
  CHECK(database->count_rows("canary") == 1);
  CHECK(database->table_names() == std::vector<std::string>{"canary", "dbmig_version"});
  require_run(project, {"downgrade", "base"});
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
}

}  // namespace dbmig::test
