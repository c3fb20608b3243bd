// dbmig inspect on both dialects: the document it writes is the model the database holds. Round
// trip: models -> migrate from empty -> upgrade -> inspect -> that document loads to the same
// schema as the models (both normalised); and the document migrated into a new empty database
// inspects back to the same text.
#include <doctest/doctest.h>

#include "config/database_url.hpp"
#include "test_autogenerate_support.hpp"

namespace dbmig::test {

namespace {

// Every kind of object both dialects keep, with flags, table-level forms and explicit names.
const std::string portable_models = R"yaml(tables:
  users:
    comment: Registered users
    columns:
      id:         {type: integer, primary_key: true}
      username:   {type: string(80), nullable: false, unique: true}
      email:      {type: string(120), nullable: false, index: true, comment: Where we write}
      role:       {type: "enum(user, admin)", nullable: false, default: "'user'"}
      created_at: {type: datetime, nullable: false, default: CURRENT_TIMESTAMP}
      active:     {type: boolean, nullable: false, default: "true"}
      score:      {type: smallint, default: "-1"}
      balance:    {type: "numeric(10, 2)", nullable: false, default: "0"}
      ratio:      {type: double}
      born:       {type: date}
      token:      {type: uuid}
      avatar:     {type: binary}
      profile:    {type: json}
      bio:        {type: text, default: "'it''s me'"}
    checks:
      - {name: score_range, expr: "score >= -1 AND score <= 100"}
  posts:
    columns:
      id:        {type: bigint, primary_key: true, autoincrement: false}
      title:     {type: string(120), nullable: false}
      body:      {type: text, nullable: false}
      user_id:   {type: integer, nullable: false, references: users.id, on_delete: cascade}
      editor_id: {type: integer, references: users.id, on_delete: set null, on_update: cascade}
    indexes:
      - {columns: [user_id, title], unique: true}
      - {name: ix_posts_title_lower, expressions: ["lower(title)"]}
      - {name: ix_posts_recent, columns: [user_id], where: "editor_id IS NOT NULL"}
    unique: [{name: posts_title_body, columns: [title, body]}]
    checks:
      - {name: title_not_empty, expr: "length(title) > 0"}
  tags:
    columns:
      post_id: {type: bigint}
      name:    {type: string(40)}
      weight:  {type: integer, nullable: false, default: "1"}
    primary_key: [post_id, name]
    foreign_keys:
      - {name: tags_post, columns: [post_id], references: "posts(id)", on_delete: cascade}
)yaml";

schema::Schema load_normalized(const std::string& document, const dialect::Dialect& dialect) {
  schema::Schema schema = model::load_string(document, "models.yaml", schema::NamingConvention{});
  dialect.normalize(schema);
  // Table order is the database's catalog order, not the model's; everything inside a table keeps
  // its order (columns as declared, constraints sorted by normalize).
  std::sort(schema.tables.begin(), schema.tables.end(),
            [](const auto& a, const auto& b) { return std::tie(a.schema, a.name) < std::tie(b.schema, b.name); });
  return schema;
}

CliResult migrate_and_upgrade(const Project& project) {
  const CliResult migrate = project.run({"migrate", "-m", "create"});
  if (migrate.code != 0) return migrate;
  return project.run({"upgrade"});
}

}  // namespace

TEST_CASE_TEMPLATE("inspect round trip: models -> database -> inspect -> the same schema, the same document", Backend,
                   SqliteBackend, PostgresBackend) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", portable_models);
  const CliResult built = migrate_and_upgrade(project);
  INFO(built.out << built.err);
  REQUIRE(built.code == 0);

  const CliResult inspected = project.run({"inspect"});
  INFO(inspected.err);
  REQUIRE(inspected.code == 0);
  INFO("inspect wrote:\n" << inspected.out);

  // The document is the models' schema, as this database can hold it.
  const schema::Schema from_models = load_normalized(portable_models, database->dialect());
  const schema::Schema from_inspect = load_normalized(inspected.out, database->dialect());
  INFO("models:\n" << describe(from_models) << "inspected:\n" << describe(from_inspect));
  CHECK(from_inspect == from_models);

  // As the project's models it changes nothing.
  project.write("models.yaml", inspected.out);
  CHECK(says_no_changes(project.run({"migrate", "-m", "nothing"})));

  // Into a new empty database and back: the same text.
  auto copy = make_database(Backend::name);
  REQUIRE(copy);
  Project from_document(copy->url());
  from_document.write("models.yaml", inspected.out);
  const CliResult rebuilt = migrate_and_upgrade(from_document);
  INFO(rebuilt.out << rebuilt.err);
  REQUIRE(rebuilt.code == 0);
  CHECK(from_document.run({"inspect"}).out == inspected.out);
}

TEST_CASE_TEMPLATE("inspect writes to a file with -o, leaves the version table out and reads an empty database",
                   Backend, SqliteBackend, PostgresBackend) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());

  const CliResult empty = project.run({"inspect"});
  INFO(empty.err);
  CHECK(empty.code == 0);
  CHECK(empty.out == "tables: {}\n");

  project.write("models.yaml",
                "tables:\n  notes:\n    columns:\n      id: {type: integer, primary_key: true}\n      body: {type: text}\n");
  REQUIRE(migrate_and_upgrade(project).code == 0);

  const auto file = project.dir() / "inspected.yaml";
  const CliResult written = project.run({"inspect", "-o", file.string()});
  INFO(written.err);
  CHECK(written.code == 0);
  CHECK(written.out.find("Wrote 1 table to") != std::string::npos);
  const std::string document = read_file(file);
  CHECK(document == "tables:\n  notes:\n    columns:\n      id: {type: integer, primary_key: true}\n"
                    "      body: {type: text}\n");
  CHECK(document.find("dbmig_version") == std::string::npos);

  const CliResult json = project.run({"--format", "json", "inspect", "-o", file.string()});
  CHECK(json.out == "{\"file\":\"" + file.string() + "\",\"tables\":1}\n");
}

TEST_CASE("inspect of a SQLite file that is not there prints no tables and does not create it") {
  TempDir dir;
  const auto file = dir.path / "missing.db";
  Project project("sqlite:///" + file.string());
  const CliResult result = project.run({"inspect"});
  CHECK(result.code == 0);
  CHECK(result.out == "tables: {}\n");
  CHECK_FALSE(std::filesystem::exists(file));
}

TEST_CASE("inspect errors: an unreachable database exits 3 without the password, bad usage 2") {
  TempDir dir;
  Project project("sqlite:///" + (dir.path / "app.db").string());
  const CliResult unreachable = project.run({"--url", "postgresql://dbmig:secret@127.0.0.1:1/none", "inspect"});
  CHECK(unreachable.code == 3);
  CHECK(unreachable.err.find("secret") == std::string::npos);
  CHECK(unreachable.out.empty());

  const CliResult unwritable = project.run({"inspect", "-o", (dir.path / "no" / "such" / "dir.yaml").string()});
  CHECK(unwritable.code == 2);
  CHECK(unwritable.err.find("cannot write") != std::string::npos);

  CHECK(project.run({"inspect", "--no-such-option"}).code == 2);
}

}  // namespace dbmig::test
