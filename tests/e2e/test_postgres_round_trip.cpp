// The round trip on PostgreSQL with every kind of object a model can declare: migrate from an
// empty database, upgrade, then migrate finds nothing to do; inspect -> migrate -> upgrade ->
// inspect gives the same document; downgrade to base leaves only the version table, and no enum
// type behind.
#include <doctest/doctest.h>

#include "test_postgres_support.hpp"

namespace dbmig::test {

using namespace postgres;

namespace {

const std::string rich_models = R"yaml(tables:
  users:
    comment: Registered users
    columns:
      id:         {type: bigint, primary_key: true}
      username:   {type: string(80), nullable: false, unique: true}
      email:      {type: string(120), nullable: false, index: true, comment: "Where we write"}
      role:       {type: "enum(user, admin, guest)", nullable: false, default: "'user'"}
      created_at: {type: datetime, nullable: false, default: CURRENT_TIMESTAMP}
      seen_at:    {type: timestamptz, default: "now()"}
      active:     {type: boolean, nullable: false, default: "true"}
      score:      {type: smallint, default: "-1"}
      balance:    {type: "numeric(10, 2)", nullable: false, default: "0"}
      ratio:      {type: double, default: "-1.5"}
      weight:     {type: float}
      born:       {type: date, default: "'2000-01-01'"}
      wakes:      {type: time}
      token:      {type: uuid}
      avatar:     {type: binary}
      settings:   {type: jsonb, nullable: false, default: "'{}'"}
      profile:    {type: json}
      address:    {type: inet}
      nickname:   {type: "char(3)"}
      bio:        {type: text, default: "'it''s me'"}
    checks:
      - {name: score_range, expr: "score >= -1 AND score <= 100"}
      - {name: username_short, expr: "length(username) < 80"}
  posts:
    columns:
      id:        {type: integer, primary_key: true}
      title:     {type: string(120), nullable: false}
      body:      {type: text, nullable: false}
      state:     {type: "enum(draft, published)", nullable: false, default: "'draft'"}
      user_id:   {type: bigint, nullable: false, references: users.id, on_delete: cascade}
      editor_id: {type: bigint, references: users.id, on_delete: set null}
    indexes:
      - {columns: [user_id, title], unique: true}
      - {name: ix_posts_title_lower, expressions: ["lower(title)"]}
      - {name: ix_posts_published, columns: [user_id], where: "state = 'published'"}
    checks:
      - {name: title_not_empty, expr: "length(title) > 0"}
  tags:
    columns:
      post_id: {type: integer, nullable: false}
      name:    {type: string(40), nullable: false}
    primary_key: [post_id, name]
    foreign_keys:
      - {columns: [post_id], references: "posts(id)", on_delete: cascade}
)yaml";

}  // namespace

TEST_CASE("postgres round trip: every kind of object, up, no changes, and down to nothing") {
  auto database = make_database("postgresql");
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", rich_models);

  migrate_and_upgrade(project, "everything");
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version", "posts", "tags", "users"});
  CHECK(enum_types(*database) == std::vector<std::string>{"posts_state", "users_role"});
  const CliResult again = project.run({"migrate", "-m", "nothing"});
  INFO(again.out << again.err);
  CHECK(again.code == 0);
  CHECK(again.out.find("No changes detected") != std::string::npos);
  CHECK(project.run({"check"}).code == 0);

  // inspect writes the same schema as a model: built from it on another database, it reads back
  // as the same document.
  const CliResult inspected = project.run({"inspect"});
  INFO(inspected.err);
  REQUIRE(inspected.code == 0);
  {
    auto copy = make_database("postgresql");
    REQUIRE(copy);
    Project from_inspect(copy->url());
    from_inspect.write("models.yaml", inspected.out);
    migrate_and_upgrade(from_inspect, "from inspect");
    CHECK(from_inspect.run({"inspect"}).out == inspected.out);
    CHECK(no_changes(from_inspect));
  }

  // The data the model promises works: identity keys, defaults, cascades.
  execute(*database,
          "INSERT INTO users (username, email) VALUES ('ada', 'ada@example.com');"
          "INSERT INTO posts (title, body, user_id) VALUES ('Hello', 'World', 1);"
          "INSERT INTO tags (post_id, name) VALUES (1, 'intro')");
  CHECK(scalar(*database, "SELECT role::text || ' ' || balance || ' ' || settings::text || ' ' || bio FROM users") ==
        "user 0.00 {} it's me");
  execute(*database, "DELETE FROM users");
  CHECK(scalar(*database, "SELECT count(*) FROM tags") == "0");

  const CliResult down = project.run({"downgrade", "base"});
  INFO(down.err);
  REQUIRE(down.code == 0);
  CHECK(database->table_names() == std::vector<std::string>{"dbmig_version"});
  CHECK(enum_types(*database).empty());
  CHECK(database->count_rows("dbmig_version") == 0);
}

}  // namespace dbmig::test
