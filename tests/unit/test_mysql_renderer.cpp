// Golden SQL for every op kind on MySQL/MariaDB. Each script here was run on MariaDB 10.11 (in
// the order of the test cases, tables created by the earlier ones) and accepted.
#include <doctest/doctest.h>

#include "dialect/mysql/mysql_renderer.hpp"
#include "dialect/mysql/mysql_statements.hpp"
#include "dialect/mysql/mysql_types.hpp"
#include "test_sqlite_support.hpp"  // schema builders, shared by the dialect tests

using namespace dbmig;
using dialect::Statement;
using schema::TypeKind;
using test::column;
using test::error_from;
using test::type_of;

namespace {

const dialect::mysql::MysqlRenderer mysql;

std::string script(const std::vector<std::string>& statements) {
  std::string out;
  for (const std::string& statement : statements) out += statement + ";\n";
  return out;
}

std::vector<Statement> render(const ops::Op& op, const schema::Schema* before = nullptr) {
  return mysql.render(op, dialect::RenderContext{before});
}

std::string sql_of(const ops::Op& op, const schema::Schema* before = nullptr) {
  std::vector<std::string> sql;
  for (const Statement& statement : render(op, before)) sql.push_back(statement.sql);
  return script(sql);
}

// The idempotent forms a resumed run uses, "-" for a statement without one.
std::string resume_of(const ops::Op& op, const schema::Schema* before = nullptr) {
  std::vector<std::string> sql;
  for (const Statement& statement : render(op, before)) sql.push_back(statement.resume ? statement.resume->sql : "-");
  return script(sql);
}

std::string message_of(const ops::Op& op, const schema::Schema* before = nullptr) {
  const auto error = error_from([&] { render(op, before); });
  return error ? error->message() : "(no error)";
}

schema::Type string_type(int length) {
  schema::Type type = type_of(TypeKind::string);
  type.length = length;
  return type;
}

schema::Type enum_type(std::vector<std::string> values, std::string name = {}) {
  schema::Type type = type_of(TypeKind::enumeration);
  type.enum_values = std::move(values);
  type.enum_name = std::move(name);
  return type;
}

schema::Table users_table() {
  schema::Table table;
  table.name = "users";
  table.columns = {column("id", type_of(TypeKind::integer), false)};
  table.columns[0].autoincrement = true;
  table.primary_key = schema::PrimaryKey{"pk_users", {"id"}};
  return table;
}

schema::Table posts_table() {
  schema::Table table;
  table.name = "posts";
  table.comment = "Blog posts, it's \\o/";
  table.columns = {
      column("id", type_of(TypeKind::integer), false),
      column("title", string_type(120), false),
      column("role", enum_type({"user", "admin"}), false, "'user'"),
      column("created_at", type_of(TypeKind::datetime), false, "CURRENT_TIMESTAMP"),
      column("user_id", type_of(TypeKind::integer), false),
  };
  table.columns[0].autoincrement = true;
  table.columns[1].comment = "Headline, as shown";
  table.primary_key = schema::PrimaryKey{"pk_posts", {"id"}};
  table.uniques = {{"uq_posts_user_id_title", {"user_id", "title"}}};
  table.foreign_keys = {{"fk_posts_user_id_users", {"user_id"}, "users", "", {"id"},
                         schema::ReferentialAction::cascade, schema::ReferentialAction::no_action}};
  table.checks = {{"ck_posts_title_not_empty", "CHAR_LENGTH(title) > 0"}};
  schema::Index by_title{"ix_posts_title", schema::column_terms({"title", "created_at"}), false, std::nullopt};
  by_title.terms[1].descending = true;
  schema::Index search{"ix_posts_search", schema::column_terms({"title"}), false, std::nullopt};
  search.method = "fulltext";
  table.indexes = {by_title, search};
  return table;
}

const ops::TableName kPosts{"posts", ""};

ops::AlterColumn alter(const schema::Column& existing) {
  ops::AlterColumn op;
  op.table = kPosts;
  op.column = existing.name;
  op.existing = existing;
  return op;
}

}  // namespace

TEST_CASE("mysql render: create table, then its indexes; every statement outside the transaction") {
  CHECK(sql_of(ops::CreateTable{users_table()}) ==
        script({"CREATE TABLE `users` (\n  `id` INT NOT NULL AUTO_INCREMENT,\n  PRIMARY KEY (`id`)\n)"}));
  const ops::CreateTable create{posts_table()};
  CHECK(sql_of(create) ==
        script({"CREATE TABLE `posts` (\n"
                "  `id` INT NOT NULL AUTO_INCREMENT,\n"
                "  `title` VARCHAR(120) NOT NULL COMMENT 'Headline, as shown',\n"
                "  `role` ENUM('user','admin') NOT NULL DEFAULT 'user',\n"
                "  `created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                "  `user_id` INT NOT NULL,\n"
                "  PRIMARY KEY (`id`),\n"
                "  CONSTRAINT `uq_posts_user_id_title` UNIQUE (`user_id`, `title`),\n"
                "  CONSTRAINT `fk_posts_user_id_users` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,\n"
                "  CONSTRAINT `ck_posts_title_not_empty` CHECK (CHAR_LENGTH(title) > 0)\n"
                ") COMMENT='Blog posts, it''s \\\\o/'",
                "CREATE INDEX `ix_posts_title` ON `posts` (`title`, `created_at` DESC)",
                "CREATE FULLTEXT INDEX `ix_posts_search` ON `posts` (`title`)"}));
  const std::string resumed = resume_of(create);
  CHECK(resumed.starts_with("CREATE TABLE IF NOT EXISTS `posts` (\n"));
  CHECK(resumed.ends_with("CREATE INDEX IF NOT EXISTS `ix_posts_title` ON `posts` (`title`, `created_at` DESC);\n"
                          "CREATE FULLTEXT INDEX IF NOT EXISTS `ix_posts_search` ON `posts` (`title`);\n"));
  for (const Statement& statement : render(create)) CHECK(statement.placement == dialect::Placement::outside_transaction);
}

TEST_CASE("mysql render: every generic type's name, quoting, and other databases") {
  schema::Table table;
  table.name = "odd`name";
  table.schema = "render_other";
  const auto numeric = [](std::optional<int> precision, std::optional<int> scale) {
    schema::Type type = type_of(TypeKind::numeric);
    type.precision = precision;
    type.scale = scale;
    return type;
  };
  schema::Type native = type_of(TypeKind::native);
  native.native = "mediumint unsigned";
  table.columns = {column("i", type_of(TypeKind::integer)), column("b", type_of(TypeKind::bigint)),
                   column("s", type_of(TypeKind::smallint)), column("v", string_type(20)),
                   column("t", type_of(TypeKind::text), true, "'it''s'"), column("flag", type_of(TypeKind::boolean), false, "0"),
                   column("f", type_of(TypeKind::float_)), column("d", type_of(TypeKind::double_)),
                   column("n", numeric(10, 2)), column("any_n", numeric(std::nullopt, std::nullopt)),
                   column("day", type_of(TypeKind::date)), column("at", type_of(TypeKind::time)),
                   column("dt", type_of(TypeKind::datetime)), column("ts", type_of(TypeKind::timestamptz)),
                   column("j", type_of(TypeKind::json)), column("u", type_of(TypeKind::uuid)),
                   column("bin", type_of(TypeKind::binary)), column("e", enum_type({"a'b", "c\\d"})),
                   column("named", enum_type({"x", "y"}, "status")), column("m", native)};
  table.columns[3].collation = "utf8mb4_bin";
  table.columns[17].comment = "quote ' and backslash \\";
  CHECK(sql_of(ops::CreateTable{table}) ==
        script({"CREATE TABLE `render_other`.`odd``name` (\n"
                "  `i` INT,\n  `b` BIGINT,\n  `s` SMALLINT,\n  `v` VARCHAR(20) COLLATE `utf8mb4_bin`,\n"
                "  `t` TEXT DEFAULT 'it''s',\n  `flag` TINYINT(1) NOT NULL DEFAULT 0,\n  `f` FLOAT,\n  `d` DOUBLE,\n"
                "  `n` DECIMAL(10,2),\n  `any_n` DECIMAL(65,30),\n  `day` DATE,\n  `at` TIME,\n  `dt` DATETIME,\n"
                "  `ts` TIMESTAMP NULL,\n  `j` JSON,\n  `u` UUID,\n  `bin` LONGBLOB,\n"
                "  `e` ENUM('a''b','c\\\\d') COMMENT 'quote '' and backslash \\\\',\n  `named` ENUM('x','y'),\n"
                "  `m` mediumint unsigned\n)"}));
  CHECK(mysql.quote_identifier("a`b") == "`a``b`");
  CHECK(mysql.quote_literal("it's C:\\new") == "'it''s C:\\\\new'");
  CHECK(mysql.inline_parameters({"INSERT INTO t VALUES (?, ?, '?')", {"a\\'b", std::nullopt}}) ==
        "INSERT INTO t VALUES ('a\\\\''b', NULL, '?')");
  CHECK(dialect::mysql::type_sql(string_type(8)) == "VARCHAR(8)");
  CHECK(error_from([] { dialect::mysql::type_sql(type_of(TypeKind::string)); })->message() ==
        "MySQL has no VARCHAR without a length");

  schema::Column generated = column("twice", type_of(TypeKind::integer));
  generated.generated = schema::Generated{"`i` * 2", true};
  CHECK(sql_of(ops::AddColumn{{"odd`name", "render_other"}, generated}) ==
        script({"ALTER TABLE `render_other`.`odd``name` ADD COLUMN `twice` INT GENERATED ALWAYS AS (`i` * 2) STORED"}));
  generated.nullable = false;
  CHECK(message_of(ops::AddColumn{{"odd`name", "render_other"}, generated}) ==
        "MariaDB cannot make generated column \"twice\" NOT NULL");
  CHECK(sql_of(ops::RenameTable{{"odd`name", "render_other"}, "plain"}) ==
        script({"RENAME TABLE `render_other`.`odd``name` TO `render_other`.`plain`"}));
  CHECK(resume_of(ops::RenameTable{{"odd`name", "render_other"}, "plain"}) ==
        script({"RENAME TABLE IF EXISTS `render_other`.`odd``name` TO `render_other`.`plain`"}));
  schema::Table plain;
  plain.name = "plain";
  plain.schema = "render_other";
  CHECK(sql_of(ops::DropTable{plain}) == script({"DROP TABLE `render_other`.`plain`"}));
  CHECK(resume_of(ops::DropTable{plain}) == script({"DROP TABLE IF EXISTS `render_other`.`plain`"}));
}

TEST_CASE("mysql render: columns added, dropped and renamed, with their IF [NOT] EXISTS forms") {
  schema::Column body = column("body", type_of(TypeKind::text), false, "''");
  body.comment = "The text";
  const ops::AddColumn add{kPosts, body};
  CHECK(sql_of(add) == script({"ALTER TABLE `posts` ADD COLUMN `body` TEXT NOT NULL DEFAULT '' COMMENT 'The text'"}));
  CHECK(resume_of(add) ==
        script({"ALTER TABLE `posts` ADD COLUMN IF NOT EXISTS `body` TEXT NOT NULL DEFAULT '' COMMENT 'The text'"}));
  const ops::RenameColumn rename{kPosts, "body", "content"};
  CHECK(sql_of(rename) == script({"ALTER TABLE `posts` RENAME COLUMN `body` TO `content`"}));
  CHECK(resume_of(rename) == script({"ALTER TABLE `posts` RENAME COLUMN IF EXISTS `body` TO `content`"}));
  const ops::DropColumn drop{kPosts, column("content", type_of(TypeKind::text))};
  CHECK(sql_of(drop) == script({"ALTER TABLE `posts` DROP COLUMN `content`"}));
  CHECK(resume_of(drop) == script({"ALTER TABLE `posts` DROP COLUMN IF EXISTS `content`"}));
}

TEST_CASE("mysql render: alter column restates the column with MODIFY; a default alone is set in place") {
  const schema::Table posts = posts_table();
  ops::AlterColumn longer = alter(posts.columns[1]);
  longer.type = string_type(200);
  CHECK(sql_of(longer) ==
        script({"ALTER TABLE `posts` MODIFY COLUMN `title` VARCHAR(200) NOT NULL COMMENT 'Headline, as shown'"}));
  CHECK(resume_of(longer) == sql_of(longer));  // MODIFY is idempotent as written

  ops::AlterColumn several = alter(posts.columns[3]);
  several.nullable = true;
  several.default_sql = std::optional<std::string>{};
  several.comment = std::optional<std::string>{"When"};
  CHECK(sql_of(several) == script({"ALTER TABLE `posts` MODIFY COLUMN `created_at` DATETIME COMMENT 'When'"}));

  ops::AlterColumn collate = alter(posts.columns[1]);
  collate.collation = std::optional<std::string>{"utf8mb4_unicode_ci"};
  collate.comment = std::optional<std::string>{};
  CHECK(sql_of(collate) ==
        script({"ALTER TABLE `posts` MODIFY COLUMN `title` VARCHAR(120) COLLATE `utf8mb4_unicode_ci` NOT NULL"}));

  ops::AlterColumn default_only = alter(posts.columns[2]);
  default_only.default_sql = std::optional<std::string>{"'admin'"};
  CHECK(sql_of(default_only) == script({"ALTER TABLE `posts` ALTER COLUMN `role` SET DEFAULT 'admin'"}));
  CHECK(resume_of(default_only) == sql_of(default_only));
  default_only.default_sql = std::optional<std::string>{};
  CHECK(sql_of(default_only) == script({"ALTER TABLE `posts` ALTER COLUMN `role` DROP DEFAULT"}));

  ops::AlterColumn no_increment = alter(posts.columns[0]);
  no_increment.autoincrement = false;
  no_increment.type = type_of(TypeKind::bigint);
  CHECK(sql_of(no_increment) == script({"ALTER TABLE `posts` MODIFY COLUMN `id` BIGINT NOT NULL"}));

  // To a type without collations, the text column's collation is not kept.
  schema::Column code = column("code", string_type(10));
  code.collation = "utf8mb4_bin";
  schema::Table with_code = posts;
  with_code.columns.push_back(code);
  ops::AlterColumn to_number = alter(code);
  to_number.type = type_of(TypeKind::integer);
  CHECK(sql_of(to_number) == script({"ALTER TABLE `posts` MODIFY COLUMN `code` INT"}));

  // The schema before, when known, is the column's whole definition (a hand-written step may
  // leave existing_type out).
  schema::Schema before;
  before.tables = {with_code};
  ops::AlterColumn not_null = alter(column("code", type_of(TypeKind::text)));
  not_null.nullable = false;
  CHECK(sql_of(not_null, &before) ==
        script({"ALTER TABLE `posts` MODIFY COLUMN `code` VARCHAR(10) COLLATE `utf8mb4_bin` NOT NULL"}));
}

TEST_CASE("mysql render: indexes, and what MariaDB cannot index refused") {
  schema::Index hashed{"ix_posts_role", schema::column_terms({"role"}), true, std::nullopt};
  hashed.method = "hash";
  CHECK(sql_of(ops::CreateIndex{kPosts, hashed}) ==
        script({"CREATE UNIQUE INDEX `ix_posts_role` ON `posts` (`role`) USING HASH"}));
  CHECK(resume_of(ops::CreateIndex{kPosts, hashed}) ==
        script({"CREATE UNIQUE INDEX IF NOT EXISTS `ix_posts_role` ON `posts` (`role`) USING HASH"}));
  schema::Index btree{"ix_posts_user", schema::column_terms({"user_id"}), false, std::nullopt};
  btree.method = "btree";
  CHECK(sql_of(ops::CreateIndex{kPosts, btree}) == script({"CREATE INDEX `ix_posts_user` ON `posts` (`user_id`) USING BTREE"}));
  const ops::RenameIndex rename{kPosts, "ix_posts_user", "ix_posts_user_id"};
  CHECK(sql_of(rename) == script({"ALTER TABLE `posts` RENAME INDEX `ix_posts_user` TO `ix_posts_user_id`"}));
  CHECK(resume_of(rename) == script({"ALTER TABLE `posts` RENAME INDEX IF EXISTS `ix_posts_user` TO `ix_posts_user_id`"}));
  const ops::DropIndex drop{kPosts, schema::Index{"ix_posts_user_id", {}, false, std::nullopt}};
  CHECK(sql_of(drop) == script({"DROP INDEX `ix_posts_user_id` ON `posts`"}));
  CHECK(resume_of(drop) == script({"DROP INDEX IF EXISTS `ix_posts_user_id` ON `posts`"}));

  const auto refused = [](schema::Index index) { return message_of(ops::CreateIndex{kPosts, std::move(index)}); };
  schema::Index partial{"ix_partial", schema::column_terms({"title"}), false, "title IS NOT NULL"};
  CHECK(refused(partial) == "MariaDB cannot build index \"ix_partial\": it has a WHERE condition (where:): MySQL has no "
                            "partial indexes");
  schema::Index expression{"ix_lower", {schema::IndexTerm::of_expression("lower(title)")}, false, std::nullopt};
  CHECK(refused(expression) == "MariaDB cannot build index \"ix_lower\": it has the expression lower(title) as a term: "
                               "MariaDB has no functional indexes");
  schema::Index collated = btree;
  collated.terms[0].collate = "utf8mb4_bin";
  CHECK(refused(collated).find("a COLLATE on a term") != std::string::npos);
  schema::Index nulls = btree;
  nulls.terms[0].nulls = schema::NullsOrder::first;
  CHECK(refused(nulls).find("NULLS FIRST/LAST") != std::string::npos);
  schema::Index opclass = btree;
  opclass.terms[0].opclass = "text_pattern_ops";
  CHECK(refused(opclass).find("operator class") != std::string::npos);
  schema::Index include = btree;
  include.include = {"title"};
  CHECK(refused(include).find("INCLUDE columns") != std::string::npos);
  schema::Index distinct = hashed;
  distinct.nulls_not_distinct = true;
  CHECK(refused(distinct).find("NULLS NOT DISTINCT") != std::string::npos);
  schema::Index gin = btree;
  gin.method = "gin";
  CHECK(refused(gin).find("access method gin") != std::string::npos);
  schema::Index unique_text = posts_table().indexes[1];
  unique_text.unique = true;
  CHECK(refused(unique_text).find("both UNIQUE and fulltext") != std::string::npos);
}

TEST_CASE("mysql render: constraints added and dropped by their kind") {
  const ops::DropPrimaryKey drop_pk{kPosts, schema::PrimaryKey{"pk_posts", {"id"}}};
  CHECK(sql_of(ops::AlterColumn{[] {
          ops::AlterColumn op = alter(posts_table().columns[0]);
          op.autoincrement = false;
          return op;
        }()}) == script({"ALTER TABLE `posts` MODIFY COLUMN `id` INT NOT NULL"}));
  CHECK(sql_of(drop_pk) == script({"ALTER TABLE `posts` DROP PRIMARY KEY"}));
  CHECK(resume_of(drop_pk) == script({"-"}));  // MariaDB has no DROP PRIMARY KEY IF EXISTS
  const ops::AddPrimaryKey add_pk{kPosts, schema::PrimaryKey{"pk_posts", {"id", "user_id"}}};
  CHECK(sql_of(add_pk) == script({"ALTER TABLE `posts` ADD PRIMARY KEY (`id`, `user_id`)"}));
  CHECK(resume_of(add_pk) == script({"ALTER TABLE `posts` ADD PRIMARY KEY IF NOT EXISTS (`id`, `user_id`)"}));

  const ops::AddUnique unique{kPosts, {"uq_posts_title", {"title"}}};
  CHECK(sql_of(unique) == script({"ALTER TABLE `posts` ADD CONSTRAINT `uq_posts_title` UNIQUE (`title`)"}));
  CHECK(resume_of(unique) == script({"ALTER TABLE `posts` ADD CONSTRAINT `uq_posts_title` UNIQUE IF NOT EXISTS (`title`)"}));
  const ops::DropUnique drop_unique{kPosts, {"uq_posts_title", {"title"}}};
  CHECK(sql_of(drop_unique) == script({"ALTER TABLE `posts` DROP INDEX `uq_posts_title`"}));
  CHECK(resume_of(drop_unique) == script({"ALTER TABLE `posts` DROP INDEX IF EXISTS `uq_posts_title`"}));

  const ops::DropForeignKey drop_fk{kPosts, posts_table().foreign_keys[0]};
  // InnoDB's index for the key goes with it, when InnoDB made one.
  CHECK(sql_of(drop_fk) == script({"ALTER TABLE `posts` DROP FOREIGN KEY `fk_posts_user_id_users`",
                                   "ALTER TABLE `posts` DROP INDEX IF EXISTS `fk_posts_user_id_users`"}));
  CHECK(resume_of(drop_fk) == script({"ALTER TABLE `posts` DROP FOREIGN KEY IF EXISTS `fk_posts_user_id_users`",
                                      "ALTER TABLE `posts` DROP INDEX IF EXISTS `fk_posts_user_id_users`"}));
  schema::ForeignKey fk = posts_table().foreign_keys[0];
  fk.on_update = schema::ReferentialAction::restrict;
  const ops::AddForeignKey add_fk{kPosts, fk};
  CHECK(sql_of(add_fk) == script({"ALTER TABLE `posts` ADD CONSTRAINT `fk_posts_user_id_users` FOREIGN KEY (`user_id`) "
                                  "REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT"}));
  CHECK(resume_of(add_fk) == script({"ALTER TABLE `posts` ADD CONSTRAINT `fk_posts_user_id_users` FOREIGN KEY IF NOT "
                                     "EXISTS (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT"}));

  const ops::DropCheck drop_check{kPosts, posts_table().checks[0]};
  CHECK(sql_of(drop_check) == script({"ALTER TABLE `posts` DROP CONSTRAINT `ck_posts_title_not_empty`"}));
  CHECK(resume_of(drop_check) == script({"ALTER TABLE `posts` DROP CONSTRAINT IF EXISTS `ck_posts_title_not_empty`"}));
  const ops::AddCheck add_check{kPosts, {"ck_posts_user", "user_id > 0"}};
  CHECK(sql_of(add_check) == script({"ALTER TABLE `posts` ADD CONSTRAINT `ck_posts_user` CHECK (user_id > 0)"}));
  CHECK(resume_of(add_check) == script({"ALTER TABLE `posts` ADD CONSTRAINT IF NOT EXISTS `ck_posts_user` CHECK (user_id > 0)"}));

  CHECK(message_of(ops::DropCheck{kPosts, {"", "x > 0"}}) == "cannot drop an unnamed check constraint of table \"posts\"");
  schema::UniqueConstraint deferred{"uq_later", {"title"}};
  deferred.deferrable = true;
  CHECK(message_of(ops::AddUnique{kPosts, deferred}).find("it is DEFERRABLE") != std::string::npos);
  fk.deferrable = true;
  CHECK(message_of(ops::AddForeignKey{kPosts, fk}).find("it is DEFERRABLE") != std::string::npos);
}

TEST_CASE("mysql render: renaming a constraint renames a unique index; foreign keys and checks cannot be") {
  schema::Schema before;
  before.tables = {users_table(), posts_table()};
  CHECK(sql_of(ops::RenameConstraint{kPosts, "uq_posts_user_id_title", "uq_posts_title_user"}, &before) ==
        script({"ALTER TABLE `posts` RENAME INDEX `uq_posts_user_id_title` TO `uq_posts_title_user`"}));
  CHECK(sql_of(ops::RenameConstraint{kPosts, "pk_posts", "posts_pkey"}, &before).empty());  // always PRIMARY
  const ops::RenameConstraint fk{kPosts, "fk_posts_user_id_users", "fk_posts_author"};
  CHECK(message_of(fk, &before) == "MySQL cannot rename constraint \"fk_posts_user_id_users\" of table \"posts\" to "
                                   "\"fk_posts_author\": it is a foreign key, and MySQL renames only indexes and unique "
                                   "constraints");
  const auto error = error_from([&] { render(fk, &before); });
  CHECK(error->hint().find("drop the constraint and add it again") != std::string::npos);
  CHECK(message_of(ops::RenameConstraint{kPosts, "ck_posts_title_not_empty", "ck_title"}, &before)
            .find("it is a check constraint") != std::string::npos);
  CHECK(message_of(fk).find("of unknown kind") != std::string::npos);
}

TEST_CASE("mysql render: comments are set with ALTER TABLE ... COMMENT and MODIFY COLUMN") {
  CHECK(sql_of(ops::SetTableComment{kPosts, "Posts", std::nullopt}) == script({"ALTER TABLE `posts` COMMENT = 'Posts'"}));
  CHECK(sql_of(ops::SetTableComment{kPosts, std::nullopt, "Posts"}) == script({"ALTER TABLE `posts` COMMENT = ''"}));
  ops::AlterColumn comment = alter(posts_table().columns[1]);
  comment.comment = std::optional<std::string>{"Shown \\ first"};
  CHECK(sql_of(comment) == script({"ALTER TABLE `posts` MODIFY COLUMN `title` VARCHAR(120) NOT NULL COMMENT 'Shown \\\\ first'"}));
}

TEST_CASE("mysql render: named enums are inline ENUMs; changing one modifies each of its columns") {
  const schema::EnumType status{"status", "", {"draft", "published"}};
  CHECK(render(ops::CreateEnum{status}).empty());
  CHECK(render(ops::DropEnum{status}).empty());
  schema::Schema before;
  before.tables = {posts_table()};
  before.tables[0].columns.push_back(column("status", enum_type({"draft", "published"}, "status"), false, "'draft'"));
  const ops::AlterEnum add_value{{"status", "", {"draft", "published", "archived"}}, {"draft", "published"}};
  CHECK(sql_of(add_value, &before) ==
        script({"ALTER TABLE `posts` MODIFY COLUMN `status` ENUM('draft','published','archived') NOT NULL DEFAULT 'draft'"}));
  CHECK(message_of(add_value).find("has no enum types of its own") != std::string::npos);
}

TEST_CASE("mysql render: raw sql is cut into statements by MySQL's rules") {
  CHECK(sql_of(ops::Sql{"SELECT 'any'", {{"postgresql", "SELECT 'pg'"}, {"mysql", "SELECT 'my'"}}}) ==
        script({"SELECT 'my'"}));
  CHECK(message_of(ops::Sql{std::nullopt, {{"sqlite", "SELECT 1"}}}).find("no SQL for mysql") != std::string::npos);
  const std::string sql =
      "CREATE TABLE `notes` (`body` TEXT);\n"
      "INSERT INTO `notes` VALUES ('it\\'s; one'), (\"two\\\"; \");  # a comment; with 'quote\n"
      "-- another; comment\n"
      "UPDATE `notes` SET `body` = 'x;y' WHERE `body` = 'one' /* ; */;\n"
      "/*!40101 SET @saved = @@sql_mode */;\n"
      "CREATE DEFINER = CURRENT_USER PROCEDURE `touch`(IN n INT)\n"
      "BEGIN\n"
      "  IF n > 0 THEN UPDATE `notes` SET `body` = CASE WHEN n = 1 THEN 'one' ELSE 'many' END; END IF;\n"
      "  BEGIN SELECT 1; END;\n"
      "END;\n"
      "BEGIN;\n"
      "DROP PROCEDURE `touch`;\n"
      "COMMIT;\n";
  const std::vector<std::string> expected = {
      "CREATE TABLE `notes` (`body` TEXT)",
      "INSERT INTO `notes` VALUES ('it\\'s; one'), (\"two\\\"; \")",
      "# a comment; with 'quote\n-- another; comment\nUPDATE `notes` SET `body` = 'x;y' WHERE `body` = 'one' /* ; */",
      "/*!40101 SET @saved = @@sql_mode */",
      "CREATE DEFINER = CURRENT_USER PROCEDURE `touch`(IN n INT)\nBEGIN\n"
      "  IF n > 0 THEN UPDATE `notes` SET `body` = CASE WHEN n = 1 THEN 'one' ELSE 'many' END; END IF;\n"
      "  BEGIN SELECT 1; END;\nEND",
      "BEGIN",
      "DROP PROCEDURE `touch`",
      "COMMIT"};
  CHECK(dialect::mysql::split_statements(sql) == expected);
  const std::vector<Statement> statements = render(ops::Sql{sql, {}});
  REQUIRE(statements.size() == expected.size());
  // Each in a transaction of its own, with the progress row recording it: a data change commits
  // with its record or not at all.
  for (const Statement& statement : statements) {
    CHECK(statement.placement == dialect::Placement::own_transaction);
    CHECK_FALSE(statement.resume);
  }
  CHECK(dialect::mysql::split_statements("BEGIN NOT ATOMIC SELECT 1; SELECT 2; END; SELECT 3") ==
        std::vector<std::string>{"BEGIN NOT ATOMIC SELECT 1; SELECT 2; END", "SELECT 3"});
  CHECK(dialect::mysql::split_statements("CREATE TABLE event (`begin` INT, begin_at INT); SELECT 1").size() == 2);
  CHECK(message_of(ops::Sql{"DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;", {}})
            .find("DELIMITER, a command of the mysql client") != std::string::npos);
}

TEST_CASE("mysql render: the shared version, history and progress tables in MySQL's spelling") {
  CHECK(mysql.create_version_table("dbmig_version").front().sql ==
        "CREATE TABLE IF NOT EXISTS `dbmig_version` (`version_num` VARCHAR(32) NOT NULL, CONSTRAINT `dbmig_version_pkc` "
        "PRIMARY KEY (`version_num`))");
  CHECK(mysql.create_history_table("dbmig_history").front().sql ==
        "CREATE TABLE IF NOT EXISTS `dbmig_history` (`id` INT NOT NULL AUTO_INCREMENT, `revision` VARCHAR(64) NOT NULL, "
        "`direction` VARCHAR(16) NOT NULL, `checksum` VARCHAR(64), `applied_at` TIMESTAMP NOT NULL DEFAULT "
        "CURRENT_TIMESTAMP, `duration_ms` BIGINT, `applied_by` VARCHAR(255), CONSTRAINT `dbmig_history_pkc` PRIMARY KEY "
        "(`id`))");
  CHECK(mysql.create_progress_table("dbmig_progress").front().sql ==
        "CREATE TABLE IF NOT EXISTS `dbmig_progress` (`revision` VARCHAR(64) NOT NULL, `direction` VARCHAR(16) NOT NULL, "
        "`checksum` VARCHAR(64) NOT NULL, `done` INTEGER NOT NULL, `started` INTEGER NOT NULL)");
  dialect::HistoryEntry entry;
  entry.revision = "3f2a";
  entry.direction = "upgrade";
  CHECK(mysql.insert_history("dbmig_history", entry).sql ==
        "INSERT INTO `dbmig_history` (`revision`, `direction`, `checksum`, `duration_ms`, `applied_by`) VALUES (?, ?, ?, "
        "?, CURRENT_USER)");
}
