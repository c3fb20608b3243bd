// MySQL/MariaDB introspection's row parsing: a fake connection answers the five queries with
// rows copied from what MariaDB 10.11 returned for them (mariadb client, intro_scratch database).
#include <doctest/doctest.h>

#include <map>

#include "dialect/mysql/mysql_introspect.hpp"
#include "dialect/mysql/mysql_types.hpp"

using namespace dbmig;
using dialect::Row;
using schema::TypeKind;

namespace {

const std::optional<std::string> null = std::nullopt;

// Answers each query with the rows given for the information_schema table it reads.
class ReplayConnection : public dialect::Connection {
 public:
  std::map<std::string, std::vector<Row>> rows;  // "TABLES", "COLUMNS", ... -> rows
  std::vector<dialect::Statement> asked;

  void execute(const dialect::Statement&) override {}
  std::vector<Row> query(const dialect::Statement& statement) override {
    asked.push_back(statement);
    for (const char* table : {"REFERENTIAL_CONSTRAINTS", "CHECK_CONSTRAINTS", "STATISTICS", "COLUMNS", "TABLES"})
      if (statement.sql.find(std::string("information_schema.") + table) != std::string::npos) return rows[table];
    return {};
  }
  void begin() override {}
  void commit() override {}
  void rollback() override {}
  bool in_transaction() const override { return false; }
  std::size_t statement_count() const override { return asked.size(); }
};

Row row(std::initializer_list<std::optional<std::string>> values) { return Row(values); }

ReplayConnection scratch_database() {
  ReplayConnection connection;
  connection.rows["TABLES"] = {
      row({"intro_scratch", "posts", "", "InnoDB", "latin1_swedish_ci"}),
      row({"intro_scratch", "users", "the users", "InnoDB", "utf8mb4_unicode_ci"}),
  };
  connection.rows["COLUMNS"] = {
      row({"posts", "id", "bigint(20)", "NO", null, "auto_increment", null, null, ""}),
      row({"posts", "user_id", "int(10) unsigned", "YES", "NULL", "", null, null, ""}),
      row({"posts", "editor_id", "int(10) unsigned", "YES", "NULL", "", null, null, ""}),
      row({"posts", "remote_id", "int(11)", "YES", "NULL", "", null, null, ""}),
      row({"posts", "title", "varchar(100)", "YES", "NULL", "", null, "utf8mb4_bin", ""}),
      row({"users", "id", "int(10) unsigned", "NO", null, "auto_increment", null, null, ""}),
      row({"users", "email", "varchar(255)", "NO", null, "", null, "utf8mb4_bin", "login, it's unique"}),
      row({"users", "name", "varchar(80)", "YES", "'anon'", "", null, "utf8mb4_unicode_ci", ""}),
      row({"users", "active", "tinyint(1)", "NO", "1", "", null, null, ""}),
      row({"users", "role", "enum('user','admin','it''s','back\\\\slash')", "NO", "'user'", "", null,
           "utf8mb4_unicode_ci", ""}),
      row({"users", "created", "datetime(6)", "NO", "current_timestamp(6)", "", null, null, ""}),
      row({"users", "updated", "timestamp", "NO", "current_timestamp()", "on update current_timestamp()", null, null,
           ""}),
      row({"users", "bio", "text", "YES", "NULL", "", null, "utf8mb4_unicode_ci", ""}),
      row({"users", "doc", "longtext", "YES", "NULL", "", null, "utf8mb4_bin", ""}),
      row({"users", "full_name", "varchar(200)", "YES", "NULL", "VIRTUAL GENERATED", "concat(`name`,' ',`email`)",
           "utf8mb4_unicode_ci", ""}),
      row({"users", "name_len", "int(11)", "YES", "NULL", "STORED GENERATED", "char_length(`name`)", null, ""}),
      row({"v", "one", "int(1)", "NO", "0", "", null, null, ""}),  // a view's column
  };
  connection.rows["STATISTICS"] = {
      row({"posts", "fk_posts_user", "1", "user_id", null, "BTREE", "A"}),
      row({"posts", "fk_remote", "1", "remote_id", null, "BTREE", "A"}),
      row({"posts", "ix_editor", "1", "editor_id", null, "BTREE", "A"}),
      row({"posts", "PRIMARY", "0", "id", null, "BTREE", "A"}),
      row({"users", "ft_bio", "1", "bio", null, "FULLTEXT", null}),
      row({"users", "ix_name_desc", "1", "name", null, "BTREE", "D"}),
      row({"users", "ix_name_desc", "1", "id", null, "BTREE", "A"}),
      row({"users", "PRIMARY", "0", "id", null, "BTREE", "A"}),
      row({"users", "uq_email", "0", "email", null, "BTREE", "A"}),
      row({"users", "uq_name_prefix", "0", "name", "10", "BTREE", "A"}),
  };
  connection.rows["REFERENTIAL_CONSTRAINTS"] = {
      row({"posts", "fk_posts_editor", "editor_id", "intro_scratch", "users", "id", "1", "RESTRICT", "SET NULL"}),
      row({"posts", "fk_posts_user", "user_id", "intro_scratch", "users", "id", "1", "SET NULL", "CASCADE"}),
      row({"posts", "fk_remote", "remote_id", "intro_scratch_other", "remote", "id", "0", "NO ACTION", "RESTRICT"}),
  };
  connection.rows["CHECK_CONSTRAINTS"] = {
      row({"posts", "CONSTRAINT_1", "`a` > 0", "Table"}),
      row({"users", "ck_price", "`price` >= 0 and `price` < 1000000", "Table"}),
      row({"users", "doc", "json_valid(`doc`)", "Column"}),
  };
  return connection;
}

}  // namespace

TEST_CASE("mysql introspect: MariaDB's rows become the schema model") {
  ReplayConnection connection = scratch_database();
  const schema::Schema schema = dialect::mysql::introspect_database(connection, {"dbmig_version"});
  CHECK(connection.asked.size() == 5);
  for (const dialect::Statement& statement : connection.asked) {
    CHECK(statement.params == std::vector<std::optional<std::string>>{"dbmig_version"});
    CHECK(statement.sql.find("dbmig_version") == std::string::npos);  // bound, never pasted
  }
  CHECK(schema.unqualified_schema == "intro_scratch");
  REQUIRE(schema.tables.size() == 2);

  const schema::Table& posts = schema.tables[0];
  CHECK(posts.name == "posts");
  CHECK_FALSE(posts.comment);
  REQUIRE(posts.columns.size() == 5);
  CHECK(posts.columns[0].autoincrement);
  CHECK(posts.columns[1].type.native == "int unsigned");
  CHECK_FALSE(posts.columns[1].default_sql);
  CHECK(posts.columns[4].collation == "utf8mb4_bin");
  REQUIRE(posts.primary_key);
  CHECK(posts.primary_key->columns == std::vector<std::string>{"id"});
  // InnoDB's indexes for fk_posts_user and fk_remote go with their keys; ix_editor stays.
  REQUIRE(posts.indexes.size() == 1);
  CHECK(posts.indexes[0].name == "ix_editor");
  REQUIRE(posts.foreign_keys.size() == 3);
  CHECK(posts.foreign_keys[0].on_update == schema::ReferentialAction::restrict);
  CHECK(posts.foreign_keys[0].on_delete == schema::ReferentialAction::set_null);
  CHECK(posts.foreign_keys[1].on_update == schema::ReferentialAction::set_null);
  CHECK(posts.foreign_keys[1].on_delete == schema::ReferentialAction::cascade);
  CHECK(posts.foreign_keys[1].referred_columns == std::vector<std::string>{"id"});
  CHECK(posts.foreign_keys[1].referred_schema.empty());
  CHECK(posts.foreign_keys[2].referred_schema == "intro_scratch_other");
  CHECK(posts.foreign_keys[2].on_update == schema::ReferentialAction::no_action);
  REQUIRE(posts.checks.size() == 1);
  CHECK(posts.checks[0].expression == "`a` > 0");

  const schema::Table& users = schema.tables[1];
  CHECK(users.comment == "the users");
  const schema::Column* email = users.find_column("email");
  CHECK(email->comment == "login, it's unique");
  CHECK(email->collation == "utf8mb4_bin");
  CHECK_FALSE(users.find_column("name")->collation);  // the table's
  CHECK(users.find_column("name")->default_sql == "'anon'");
  CHECK(users.find_column("active")->type.kind == TypeKind::boolean);
  const schema::Type& role = users.find_column("role")->type;
  CHECK(role.kind == TypeKind::enumeration);
  CHECK(role.enum_values == std::vector<std::string>{"user", "admin", "it's", "back\\slash"});
  CHECK(users.find_column("created")->default_sql == "current_timestamp(6)");
  CHECK(users.find_column("updated")->type.kind == TypeKind::timestamptz);
  const schema::Column* doc = users.find_column("doc");
  CHECK(doc->type.kind == TypeKind::json);
  CHECK_FALSE(doc->collation);
  const schema::Column* full_name = users.find_column("full_name");
  REQUIRE(full_name->generated);
  CHECK_FALSE(full_name->generated->stored);
  CHECK(full_name->generated->expression == "concat(`name`,' ',`email`)");
  CHECK(users.find_column("name_len")->generated->stored);
  REQUIRE(users.checks.size() == 1);  // json_valid(`doc`) is the json type's
  CHECK(users.checks[0].name == "ck_price");
  REQUIRE(users.uniques.size() == 1);
  CHECK(users.uniques[0].name == "uq_email");
  REQUIRE(users.indexes.size() == 3);
  CHECK(users.indexes[0].name == "ft_bio");
  CHECK(users.indexes[0].method == "fulltext");
  CHECK(users.indexes[1].terms[0].descending);
  CHECK_FALSE(users.indexes[1].terms[1].descending);
  CHECK(users.indexes[2].name == "uq_name_prefix");  // a prefix: not a unique constraint
  CHECK(users.indexes[2].unique);
  CHECK(users.indexes[2].terms == schema::column_terms({"name"}));
}

TEST_CASE("mysql introspect: a database without tables still knows its name") {
  ReplayConnection connection;
  connection.rows["TABLES"] = {row({"empty_db", null, null, null, null})};
  const schema::Schema schema = dialect::mysql::introspect_database(connection, {});
  CHECK(schema.tables.empty());
  CHECK(schema.unqualified_schema == "empty_db");
  CHECK(connection.asked.size() == 5);
  CHECK(connection.asked[0].params.empty());
}
