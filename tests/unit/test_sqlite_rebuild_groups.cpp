// One rebuild per table per revision (issue 13): which steps SQLite carries out together, and
// that one rebuild for several steps leaves the database exactly as the steps one by one do.
#include <doctest/doctest.h>

#include "dialect/sqlite/rebuild_groups.hpp"
#include "dialect/sqlite/revision_frame.hpp"
#include "test_sqlite_rebuild_support.hpp"

using namespace dbmig;
using dialect::sqlite::group_rebuild_steps;
using dialect::sqlite::SqliteConnection;
using Groups = std::vector<std::vector<std::size_t>>;

namespace {

const ops::TableName kUsers{"users", ""};
const ops::TableName kTeams{"teams", ""};
const ops::TableName kPosts{"posts", ""};

schema::Schema fixture_schema(SqliteConnection& connection) {
  connection.execute({test::kRebuildFixture, {}});
  return dialect::sqlite::make_sqlite_dialect()->introspect(connection, {});
}

ops::AlterColumn alter(const schema::Schema& before, const ops::TableName& table, const std::string& name) {
  ops::AlterColumn op;
  op.table = table;
  op.column = name;
  op.existing = *before.find_table(table.name)->find_column(name);
  return op;
}

// A revision's worth of changes to users, spread over other steps the way autogenerate's phases
// spread them: a check dropped, a column dropped, two columns altered, a column added, a check and
// an index created, with steps on teams and posts in between.
std::vector<ops::Op> five_changes_to_users(const schema::Schema& before) {
  ops::AlterColumn email_nullable = alter(before, kUsers, "email");
  email_nullable.nullable = true;
  ops::AlterColumn score_text = alter(before, kUsers, "score");
  score_text.type = schema::parse_type("text");
  ops::AlterColumn team_name_default = alter(before, kTeams, "name");
  team_name_default.default_sql = std::optional<std::string>("'unnamed'");
  const schema::Table& users = *before.find_table("users");
  return {
      ops::DropCheck{kUsers, users.checks.at(0)},                                        // 0 rebuild users
      team_name_default,                                                                 // 1 teams
      ops::DropIndex{kUsers, users.indexes.at(1)},                                       // 2 users
      email_nullable,                                                                    // 3 users
      ops::DropIndex{kPosts, before.find_table("posts")->indexes.at(0)},                 // 4 posts
      score_text,                                                                        // 5 users
      ops::AddColumn{kUsers, test::column("nickname", schema::parse_type("string(40)"))},                    // 6 users
      ops::AddCheck{kUsers, schema::CheckConstraint{"ck_users_nickname", "nickname <> ''"}},  // 7 users
      ops::CreateIndex{kUsers, schema::Index{"ix_users_nickname", schema::column_terms({"nickname"}), false, std::nullopt}},  // 8 users
  };
}

// The statements a group renders to, run in one transaction with foreign keys off, as the
// migrator runs a revision that rebuilds.
void run_groups(SqliteConnection& connection, const std::vector<ops::Op>& steps, const Groups& groups) {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  connection.execute({"PRAGMA foreign_keys = OFF", {}});
  connection.begin();
  runtime::ConnectionSink sink(connection);
  const dialect::RevisionFrame fk_off = dialect::sqlite::foreign_keys_off_frame();
  for (const auto& group : groups) {
    const schema::Schema before = dialect->introspect(connection, {});
    std::vector<const ops::Op*> grouped;
    for (const std::size_t index : group) grouped.push_back(&steps[index]);
    for (const auto& statement : dialect->render_group(grouped, dialect::RenderContext{&before, &fk_off}))
      sink.execute(statement);
  }
  connection.commit();
  connection.execute({"PRAGMA foreign_keys = ON", {}});
}

std::size_t copies_of(const std::vector<dialect::Statement>& statements, const std::string& table) {
  std::size_t copies = 0;
  for (const auto& statement : statements)
    copies += statement.sql.starts_with("INSERT INTO \"" + table + "\"") ? 1 : 0;
  return copies;
}

}  // namespace

TEST_CASE("sqlite rebuild groups: a table's steps join the first that rebuilds it, past steps on other tables") {
  SqliteConnection connection(":memory:");
  const schema::Schema before = fixture_schema(connection);
  CHECK(group_rebuild_steps(five_changes_to_users(before)) == Groups{{0, 2, 3, 5, 6, 7, 8}, {1}, {4}});
}

TEST_CASE("sqlite rebuild groups: what a step may not be moved past ends the group") {
  SqliteConnection connection(":memory:");
  const schema::Schema before = fixture_schema(connection);
  ops::AlterColumn score_text = alter(before, kUsers, "score");
  score_text.type = schema::parse_type("text");
  ops::AlterColumn email_nullable = alter(before, kUsers, "email");
  email_nullable.nullable = true;
  const schema::ForeignKey to_users{"fk_teams_owner", {"id"}, "users", "", {"id"}, {}, {}};

  SUBCASE("renaming a column of the table: the rebuild copies columns by name") {
    const std::vector<ops::Op> steps{score_text, ops::RenameColumn{kUsers, "name", "full_name"}, email_nullable};
    CHECK(group_rebuild_steps(steps) == Groups{{0}, {1}, {2}});
  }
  SUBCASE("a raw sql step, and a foreign key to the table on another table") {
    CHECK(group_rebuild_steps({score_text, ops::Sql{"UPDATE users SET score = 1", {}}, email_nullable}) ==
          Groups{{0}, {1}, {2}});
    CHECK(group_rebuild_steps({score_text, ops::AddForeignKey{kTeams, to_users}, email_nullable}) ==
          Groups{{0}, {1}, {2}});
  }
  SUBCASE("a foreign key the table gets to a table changed in between stays after that change") {
    const schema::ForeignKey to_teams{"fk_users_team_id_teams", {"team_id"}, "teams", "", {"id"}, {}, {}};
    const std::vector<ops::Op> steps{score_text, ops::AddColumn{kTeams, test::column("code", schema::parse_type("text"))},
                                     email_nullable, ops::AddForeignKey{kUsers, to_teams}};
    CHECK(group_rebuild_steps(steps) == Groups{{0, 2}, {1}, {3}});
  }
  SUBCASE("a step done in place starts no group; a later rebuild does") {
    const std::vector<ops::Op> steps{ops::AddColumn{kUsers, test::column("nickname", schema::parse_type("text"))}, score_text,
                                     email_nullable};
    CHECK(group_rebuild_steps(steps) == Groups{{0}, {1, 2}});
  }
}

TEST_CASE("sqlite rebuild groups: one rebuild for the revision gives what the steps one by one give") {
  SqliteConnection one_by_one(":memory:");
  const schema::Schema before = fixture_schema(one_by_one);
  const std::vector<ops::Op> steps = five_changes_to_users(before);
  Groups each_alone;
  for (std::size_t index = 0; index < steps.size(); ++index) each_alone.push_back({index});
  run_groups(one_by_one, steps, each_alone);

  SqliteConnection grouped(":memory:");
  fixture_schema(grouped);
  const Groups groups = group_rebuild_steps(steps);
  run_groups(grouped, steps, groups);
  CHECK(test::dump_database(grouped) == test::dump_database(one_by_one));

  // And the users rows are copied once, not once per step that needs a rebuild (four here).
  SqliteConnection fresh(":memory:");
  const schema::Schema fresh_before = fixture_schema(fresh);
  std::vector<const ops::Op*> users_steps;
  for (const std::size_t index : groups.front()) users_steps.push_back(&steps[index]);
  const dialect::RevisionFrame fk_off = dialect::sqlite::foreign_keys_off_frame();
  const auto statements = dialect::sqlite::make_sqlite_dialect()->render_group(
      users_steps, dialect::RenderContext{&fresh_before, &fk_off});
  CHECK(copies_of(statements, "users") == 1);
}

TEST_CASE("sqlite rebuild groups: a column dropped in a group must be free of what uses it at that step") {
  SqliteConnection connection(":memory:");
  const schema::Schema before = fixture_schema(connection);
  const schema::Table& users = *before.find_table("users");
  ops::AlterColumn score_text_alter = alter(before, kUsers, "score");
  score_text_alter.type = schema::parse_type("text");
  const ops::Op score_text = score_text_alter;
  const ops::Op drop_index = ops::DropIndex{kUsers, users.indexes.at(1)};  // ix_users_name
  const ops::Op drop_name = ops::DropColumn{kUsers, *users.find_column("name")};
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  const dialect::RevisionFrame fk_off = dialect::sqlite::foreign_keys_off_frame();
  const dialect::RenderContext context{&before, &fk_off};

  const auto refused = test::error_from([&] { dialect->render_group({&score_text, &drop_name}, context); });
  REQUIRE(refused);
  CHECK(refused->message() == "cannot drop column \"name\" of table \"users\": index \"ix_users_name\" uses it");
  // Once an earlier step of the group dropped the index, the column may go (its unique constraint
  // with it, as a rebuild of that one step would).
  CHECK_FALSE(test::error_from([&] { dialect->render_group({&score_text, &drop_index, &drop_name}, context); }));
}
