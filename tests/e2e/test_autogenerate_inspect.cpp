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

CliResult migrate_and_upgrade(const Project& project) {
  const CliResult migrate = project.run({"migrate", "-m", "create"});
  if (migrate.code != 0) return migrate;
  return project.run({"upgrade"});
}

}  // namespace

TEST_CASE_TEMPLATE("inspect round trip: models -> database -> inspect -> the same schema, the same document", Backend,
                   DBMIG_TEST_BACKENDS_NOT_YET_MARIADB) {
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
                   Backend, DBMIG_TEST_BACKENDS) {
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

namespace dbmig::test {

// A SQLite database made by hand: unnamed constraints (SQLite keeps no name for them), column-level
// ones, an omitted referred column, odd spacing and case.
const std::string handmade_sqlite = R"sql(
create table authors (
  id integer primary key,
  email varchar(120) not null unique,
  status text default ( 'active' ) check (status in ('active','banned')),
  born date default current_date,
  check (length(email)>3)
);
create table books (
  author_id int references authors on delete cascade,
  isbn char(13) not null,
  price decimal(8,2) default 0,
  pages int check (pages > 0),
  primary key (author_id, isbn),
  unique (isbn, price)
);
create index books_by_price on books (price) where price > 0;
create unique index authors_email_lower on authors (LOWER(email));
)sql";

void execute_script(const TestDatabase& database, const std::string& script) {
  auto connection = database.connect();
  std::size_t start = 0;
  for (std::size_t end = script.find(";\n"); end != std::string::npos; start = end + 2, end = script.find(";\n", start))
    connection->execute({script.substr(start, end - start), {}});
}

// Adopting a hand-made database: its inspect output must load, find no changes, rebuild itself
// elsewhere as the same document, and the unnamed constraints must still be droppable (they are
// matched, and dropped, by their definition).
TEST_CASE("inspect adopts a hand-made SQLite database with unnamed constraints") {
  auto database = make_database("sqlite");
  execute_script(*database, handmade_sqlite);
  Project project(database->url());
  const CliResult inspected = project.run({"inspect"});
  INFO(inspected.err);
  REQUIRE(inspected.code == 0);
  INFO("inspect wrote:\n" << inspected.out);
  CHECK(inspected.out.find("name: \"\"") == std::string::npos);
  project.write("models.yaml", inspected.out);
  CHECK(says_no_changes(project.run({"migrate", "-m", "adopt"})));

  auto copy = make_database("sqlite");
  Project from_document(copy->url());
  from_document.write("models.yaml", inspected.out);
  REQUIRE(from_document.run({"migrate", "-m", "create"}).code == 0);
  REQUIRE(from_document.run({"upgrade"}).code == 0);
  CHECK(from_document.run({"inspect"}).out == inspected.out);

  // The unnamed UNIQUE on email and the unnamed CHECK go, and come back with the downgrade.
  std::string changed = inspected.out;
  for (const std::string& gone : {std::string(", unique: true}"), std::string("\n      - {name: check_1, expr: length(email) > 3}")}) {
    const auto at = changed.find(gone);
    REQUIRE(at != std::string::npos);
    changed.replace(at, gone.size(), gone.front() == ',' ? "}" : "");
  }
  project.write("models.yaml", changed);
  const CliResult migrate = project.run({"migrate", "-m", "drop unique"});
  INFO(migrate.out << migrate.err);
  REQUIRE(migrate.code == 0);
  const auto revision = new_revision_file(project, {});
  CHECK(upgrade_kinds(revision) == std::vector<std::string>{"drop_unique", "drop_check"});
  const CliResult upgrade = project.run({"upgrade"});
  INFO(upgrade.out << upgrade.err);
  REQUIRE(upgrade.code == 0);
  CHECK(database->introspect().find_table("authors")->uniques.empty());
  CHECK(says_no_changes(project.run({"migrate", "-m", "nothing"})));
  REQUIRE(project.run({"downgrade", "-1"}).code == 0);
  std::filesystem::remove(revision);  // back to the adopted database without revisions
  project.write("models.yaml", inspected.out);
  const CliResult restored = project.run({"migrate", "-m", "nothing"});
  INFO("after the downgrade: " << restored.out << restored.err);
  CHECK(says_no_changes(restored));
}

// Issue 17: inspect wrote `type: ''` for a column declared without a type, which did not load.
// It writes `untyped`, which loads back to a column without a type.
TEST_CASE("inspect of a SQLite table whose columns have no type loads back and migrate finds no changes") {
  auto database = make_database("sqlite");
  execute_script(*database, "CREATE TABLE t (a, b);\n");
  Project project(database->url());
  const CliResult inspected = project.run({"inspect"});
  INFO(inspected.err);
  REQUIRE(inspected.code == 0);
  INFO("inspect wrote:\n" << inspected.out);
  CHECK(inspected.out.find("type: ''") == std::string::npos);
  CHECK(inspected.out.find("a: {type: untyped}") != std::string::npos);
  project.write("models.yaml", inspected.out);
  CHECK(says_no_changes(project.run({"migrate", "-m", "adopt"})));
  CHECK(project.run({"check"}).code == 0);

  // Made elsewhere from that file, the table declares its columns without a type again.
  auto copy = make_database("sqlite");
  Project from_document(copy->url());
  from_document.write("models.yaml", inspected.out);
  REQUIRE(from_document.run({"migrate", "-m", "create"}).code == 0);
  REQUIRE(from_document.run({"upgrade"}).code == 0);
  CHECK(from_document.run({"inspect"}).out == inspected.out);
}

// Two foreign keys on the same columns to the same table, differing only in their actions: names
// are matched to the CREATE TABLE text by columns and referred table, so the keys must be read in
// declaration order (PRAGMA foreign_key_list lists them last-declared first), or they swap names.
TEST_CASE("sqlite introspection keeps apart two named foreign keys on the same columns") {
  auto database = make_database("sqlite");
  execute_script(*database, R"sql(
create table authors (id integer primary key);
create table books (
  id integer primary key,
  author_id integer,
  constraint fk_first foreign key (author_id) references authors (id) on delete cascade,
  constraint fk_second foreign key (author_id) references authors (id) on update restrict
);
)sql");
  const schema::Schema live = database->introspect();
  const schema::Table& books = *live.find_table("books");
  REQUIRE(books.foreign_keys.size() == 2);
  for (const auto& key : books.foreign_keys) {
    CAPTURE(key.name);
    CHECK((key.name == "fk_first") == (key.on_delete == schema::ReferentialAction::cascade));
  }
}

}  // namespace dbmig::test
