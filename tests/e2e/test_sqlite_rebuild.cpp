// The SQLite table rebuild through the CLI: a model change ALTER TABLE cannot do goes through
// migrate and upgrade with every row, index, trigger and incoming foreign key kept, and back with
// downgrade; --sql shows the rebuild; a rebuild that would break a foreign key or a NOT NULL
// fails with exit code 3 and leaves the database exactly as it was.
#include <doctest/doctest.h>

#include <algorithm>

#include "harness.hpp"

namespace dbmig::test {

namespace {

const char* const kModels = R"(tables:
  teams:
    columns:
      id:   {type: integer, primary_key: true}
      name: {type: text, nullable: false}
  users:
    columns:
      id:      {type: integer, primary_key: true}
      email:   {type: string(120), nullable: false, unique: true}
      name:    {type: string(80), index: true}
      score:   {type: integer, default: "0"}
      team_id: {type: integer}
  posts:
    columns:
      id:      {type: integer, primary_key: true}
      user_id: {type: integer, nullable: false, references: users.id, on_delete: cascade}
      title:   {type: text}
  audit:
    columns:
      user_id: {type: integer}
      action:  {type: text}
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string rows_of(dialect::Connection& connection, const std::string& sql) {
  std::string out;
  for (const dialect::Row& row : connection.query({sql, {}})) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i].value_or("NULL");
    out += "\n";
  }
  return out;
}

// The catalog and every row of every table: "exactly as before".
std::string dump(const TestDatabase& database) {
  auto connection = database.connect();
  std::string out = rows_of(*connection, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
  for (const auto& table : connection->query({"SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", {}}))
    out += "-- " + *table.at(0) + "\n" + rows_of(*connection, "SELECT * FROM \"" + *table.at(0) + "\" ORDER BY 1");
  return out;
}

// A project at the first revision of kModels, with rows in every table and a trigger made by hand.
struct RebuildProject {
  RebuildProject() : database(make_database("sqlite")), project(database->url()) {
    project.write("models.yaml", kModels);
    REQUIRE(project.run({"migrate", "-m", "create"}).code == 0);
    const auto upgrade = project.run({"upgrade"});
    INFO(upgrade.err);
    REQUIRE(upgrade.code == 0);
    auto connection = database->connect();
    connection->execute({R"(
      CREATE TRIGGER trg_users_audit AFTER UPDATE ON users BEGIN INSERT INTO audit VALUES (new.id, 'update'); END;
      INSERT INTO teams VALUES (1, 'red');
      INSERT INTO users VALUES (1, 'ann@example.org', 'Ann', 10, 1), (2, 'bob@example.org', NULL, 0, NULL);
      INSERT INTO posts VALUES (1, 1, 'hello'), (2, 2, 'from bob');
    )", {}});
  }

  // A hand-written revision on the current head with these upgrade and downgrade steps.
  void write_revision(const std::string& message, const std::string& upgrade, const std::string& downgrade,
                      bool transactional = true) {
    REQUIRE(project.run({"revision", "-m", message}).code == 0);
    const auto files = project.revision_files();
    const auto file = std::find_if(files.begin(), files.end(), [&](const auto& path) {
      return path.filename().string().find(message) != std::string::npos;
    });
    REQUIRE(file != files.end());
    std::string text = read_file(*file);
    text = replaced(text, "upgrade: []", "upgrade:\n" + upgrade);
    text = replaced(text, "downgrade: []", "downgrade:\n" + downgrade);
    if (!transactional) text = replaced(text, "transactional: true", "transactional: false");
    project.write("migrations/versions/" + file->filename().string(), text);
  }

  std::unique_ptr<TestDatabase> database;
  Project project;
};

}  // namespace

TEST_CASE("sqlite rebuild e2e: a column type change round-trips through migrate, upgrade and downgrade") {
  RebuildProject fixture;
  Project& project = fixture.project;
  auto connection = fixture.database->connect();
  const std::string posts = rows_of(*connection, "SELECT * FROM posts ORDER BY id");

  project.write("models.yaml", replaced(kModels, "score:   {type: integer,", "score:   {type: text,"));
  const auto migrate = project.run({"migrate", "-m", "score as text"});
  INFO(migrate.err);
  REQUIRE(migrate.code == 0);
  REQUIRE(project.revision_files().size() == 2);
  CHECK(read_file(project.revision_files()[1]).find("alter_column") != std::string::npos);  // the neutral op

  const auto sql = project.run({"upgrade", "--sql"});
  INFO(sql.err);
  REQUIRE(sql.code == 0);
  CHECK(sql.out.find("ALTER TABLE \"users\" RENAME TO \"_dbmig_old_users\";") != std::string::npos);
  CHECK(sql.out.find("CREATE TRIGGER trg_users_audit") != std::string::npos);
  // The revision runs with foreign keys off around its transaction, so posts, which refers to
  // users, is not copied but checked; the script shows what runs, in that order.
  CHECK(sql.out.find("INSERT INTO \"posts\"") == std::string::npos);
  CHECK(sql.out.find("pragma_foreign_key_check('posts')") != std::string::npos);
  const auto off = sql.out.find("PRAGMA foreign_keys = OFF;\nBEGIN;\n");
  const auto on = sql.out.find("COMMIT;\nPRAGMA foreign_keys = ON;\n");
  REQUIRE(off != std::string::npos);
  REQUIRE(on != std::string::npos);
  CHECK(off < sql.out.find("RENAME TO \"_dbmig_old_users\""));
  CHECK(sql.out.find("pragma_foreign_key_check('posts')") < on);
  const auto single = project.run({"upgrade", "--sql", "--single-transaction"});
  REQUIRE(single.code == 0);
  // In one transaction for the whole run, foreign keys cannot be turned off: posts is re-created.
  CHECK(single.out.find("PRAGMA foreign_keys = OFF") == std::string::npos);
  CHECK(single.out.find("INSERT INTO \"posts\" (\"id\", \"user_id\", \"title\") SELECT") != std::string::npos);

  const auto upgrade = project.run({"upgrade"});
  INFO(upgrade.err);
  REQUIRE(upgrade.code == 0);
  CHECK(fixture.database->introspect().find_table("users")->find_column("score")->type.kind == schema::TypeKind::text);
  CHECK(rows_of(*connection, "SELECT id, email, name, score, typeof(score) FROM users ORDER BY id") ==
        "1|ann@example.org|Ann|10|text\n2|bob@example.org|NULL|0|text\n");
  CHECK(rows_of(*connection, "SELECT * FROM posts ORDER BY id") == posts);
  const auto again = project.run({"migrate", "-m", "nothing"});
  CHECK(again.code == 0);
  CHECK(again.out.find("No changes detected") != std::string::npos);

  // Indexes, the hand-made trigger and the incoming foreign key all survived.
  const schema::Schema live = fixture.database->introspect();
  CHECK(live.find_table("users")->indexes.size() == 1);
  CHECK(live.find_table("users")->uniques.size() == 1);
  REQUIRE(live.find_table("users")->triggers.size() == 1);
  connection->execute({"UPDATE users SET name = 'Bob' WHERE id = 2", {}});
  CHECK(rows_of(*connection, "SELECT * FROM audit") == "2|update\n");
  CHECK_THROWS(connection->execute({"INSERT INTO posts (user_id, title) VALUES (42, 'orphan')", {}}));

  const auto downgrade = project.run({"downgrade"});
  INFO(downgrade.err);
  REQUIRE(downgrade.code == 0);
  CHECK(fixture.database->introspect().find_table("users")->find_column("score")->type.kind ==
        schema::TypeKind::integer);
  CHECK(rows_of(*connection, "SELECT id, score, typeof(score) FROM users ORDER BY id") == "1|10|integer\n2|0|integer\n");
  CHECK(rows_of(*connection, "SELECT * FROM posts ORDER BY id") == posts);
}

TEST_CASE("sqlite rebuild e2e: a foreign key the rows break fails the upgrade and changes nothing") {
  bool transactional = true;
  SUBCASE("in the revision's transaction") {}
  SUBCASE("in a transactional: false revision, where the rebuild's own savepoint keeps it whole") {
    transactional = false;
  }
  RebuildProject fixture;
  auto connection = fixture.database->connect();
  connection->execute({"UPDATE users SET team_id = 99 WHERE id = 2", {}});
  fixture.write_revision("teamfk",
                         "  - create_foreign_key: {table: users, name: fk_users_team_id_teams, columns: [team_id], "
                         "references: \"teams(id)\"}\n",
                         "  - drop_foreign_key: {table: users, name: fk_users_team_id_teams}\n", transactional);
  const std::string before = dump(*fixture.database);

  const auto upgrade = fixture.project.run({"upgrade"});
  CHECK(upgrade.code == 3);
  CHECK(upgrade.err.find("upgrade step 1 (create_foreign_key)") != std::string::npos);
  CHECK(upgrade.err.find("foreign key of table \"users\" violated after rebuilding table \"users\": row 2 refers to a "
                         "missing row of \"teams\"") != std::string::npos);
  CHECK(dump(*fixture.database) == before);

  // Fixed data: the same revision goes through.
  connection->execute({"UPDATE users SET team_id = NULL WHERE id = 2", {}});
  const auto fixed = fixture.project.run({"upgrade"});
  INFO(fixed.err);
  CHECK(fixed.code == 0);
  CHECK(fixture.database->introspect().find_table("users")->foreign_keys.size() == 1);
}

TEST_CASE("sqlite rebuild e2e: NOT NULL on a column holding NULLs fails the upgrade and changes nothing") {
  RebuildProject fixture;
  fixture.project.write("models.yaml", replaced(kModels, "name:    {type: string(80), index: true}",
                                                "name:    {type: string(80), index: true, nullable: false}"));
  REQUIRE(fixture.project.run({"migrate", "-m", "name required"}).code == 0);
  const std::string before = dump(*fixture.database);

  const auto upgrade = fixture.project.run({"upgrade"});
  CHECK(upgrade.code == 3);
  CHECK(upgrade.err.find("column \"name\" of table \"users\" cannot be made NOT NULL; rows holding NULL: 1") !=
        std::string::npos);
  CHECK(dump(*fixture.database) == before);
}

}  // namespace dbmig::test
