// A MySQL/MariaDB database written by hand, as a mysql client session would (not by dbmig):
// `dbmig inspect` writes its models, and with those models migrate finds nothing to do and check
// passes. What the model has no field for (table engines and character sets, index prefix
// lengths, ON UPDATE CURRENT_TIMESTAMP: see dialect/mysql/mysql_introspect.hpp) is lost by
// inspect on both sides of that comparison; the round trip below uses only what the model holds.
#include <doctest/doctest.h>

#include "catalog_dump.hpp"
#include "test_mysql_support.hpp"

namespace dbmig::test {

using namespace mysql;

namespace {

const std::vector<std::string> hand_written = {
    "CREATE TABLE authors ("
    "  id INT UNSIGNED NOT NULL AUTO_INCREMENT,"
    "  name VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,"
    "  active TINYINT(1) NOT NULL DEFAULT 1,"
    "  kind ENUM('a','b') NOT NULL DEFAULT 'a',"
    "  created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
    "  changed DATETIME(6) NULL ON UPDATE CURRENT_TIMESTAMP(6),"
    "  bio TEXT COMMENT 'Short biography',"
    "  stars INT CHECK (stars >= 0),"
    "  PRIMARY KEY (id),"
    "  UNIQUE KEY uq_authors_name (name),"
    "  CONSTRAINT ck_authors_name CHECK (CHAR_LENGTH(name) > 0)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='People who write'",
    "CREATE TABLE posts ("
    "  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
    "  author_id INT UNSIGNED NOT NULL,"
    "  title VARCHAR(200) NOT NULL,"
    "  body MEDIUMTEXT,"
    "  score DECIMAL(5,2) NOT NULL DEFAULT 0.00,"
    "  published TIMESTAMP NULL DEFAULT NULL,"
    "  FULLTEXT KEY ft_posts_text (title, body),"
    "  KEY ix_posts_author_title (author_id, title DESC),"
    "  KEY ix_posts_title_prefix (title(20)),"
    "  CONSTRAINT fk_posts_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE,"
    "  CONSTRAINT ck_posts_score CHECK (score >= 0)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
    "CREATE TABLE tags ("
    "  post_id BIGINT UNSIGNED NOT NULL,"
    "  tag VARCHAR(30) NOT NULL,"
    "  PRIMARY KEY (post_id, tag),"
    "  CONSTRAINT fk_tags_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE ON UPDATE CASCADE"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
    "INSERT INTO authors (name, active, kind, bio, stars) VALUES ('Ann', 1, 'a', 'Writes', 3), ('Bob', 0, 'b', NULL, 0)",
    "INSERT INTO posts (author_id, title, body, score) VALUES (1, 'First', 'Hello', 1.50), (1, 'Second', 'Again', 0),"
    " (2, 'Third', NULL, 2.25)",
    "INSERT INTO tags VALUES (1, 'news'), (1, 'misc'), (3, 'news')",
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("mysql inspect: a hand-built database -> inspect -> migrate finds no changes, check passes") {
  auto database = make_database("mysql");
  if (!database) return;
  execute_each(*database, hand_written);
  const std::string catalog_before = catalog::dump(*database);
  const auto rows_before = catalog::row_counts(*database);
  REQUIRE(rows_before.at("authors") == 2);

  Project project(database->url());
  const CliResult inspected = project.run({"inspect", "-o", (project.dir() / "models.yaml").string()});
  INFO("inspect: " << inspected.out << inspected.err);
  REQUIRE(inspected.code == 0);
  const std::string models = project.read("models.yaml");
  INFO("models.yaml:\n" << models);
  // What the model has a place for is in it.
  // (ck_authors_name and uq_authors_name follow the naming convention: written as `name: name`
  // and `unique: true`.)
  for (const char* part : {"authors:", "posts:", "tags:", "int unsigned", "using: fulltext", "collate: utf8mb4_bin",
                           "People who write", "Short biography", "expr: char_length(name) > 0", "expr: score >= 0",
                           "fk_posts_author", "fk_tags_post", "on_update: cascade", "ix_posts_author_title",
                           "order: desc", "unique: true", "datetime(6)", "\"enum(a, b)\""}) {
    CAPTURE(part);
    CHECK(contains(models, part));
  }

  const CliResult migrate = project.run({"migrate", "-m", "x"});
  INFO("migrate: " << migrate.out << migrate.err);
  CHECK(migrate.code == 0);
  CHECK(contains(migrate.out, "No changes detected"));
  CHECK(project.revision_files().empty());
  const CliResult check = project.run({"check"});
  INFO("check: " << check.out << check.err);
  CHECK(check.code == 0);

  // None of it touched the database.
  CHECK(catalog::line_diff(catalog_before, catalog::dump(*database)).empty());
  CHECK(catalog::row_counts(*database) == rows_before);
}

TEST_CASE("mysql inspect: what the model holds round-trips: hand-built -> inspect -> a new database, same catalog") {
  auto original = make_database("mysql");
  if (!original) return;
  // The features above less those the model cannot hold: no table character set (both databases
  // take the server's), no index prefix, no ON UPDATE.
  execute_each(*original,
               {"CREATE TABLE authors ("
                "  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                "  name VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,"
                "  active TINYINT(1) NOT NULL DEFAULT 1,"
                "  kind ENUM('a','b') NOT NULL DEFAULT 'a',"
                "  created DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
                "  bio TEXT COMMENT 'Short biography',"
                "  stars INT CHECK (stars >= 0),"
                "  UNIQUE KEY uq_authors_name (name),"
                "  CONSTRAINT ck_authors_name CHECK (CHAR_LENGTH(name) > 0)"
                ") ENGINE=InnoDB COMMENT='People who write'",
                "CREATE TABLE posts ("
                "  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                "  author_id INT UNSIGNED NOT NULL,"
                "  title VARCHAR(200) NOT NULL,"
                "  body MEDIUMTEXT,"
                "  score DECIMAL(5,2) NOT NULL DEFAULT 0.00,"
                "  FULLTEXT KEY ft_posts_text (title, body),"
                "  KEY ix_posts_author_title (author_id, title DESC),"
                "  CONSTRAINT fk_posts_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE,"
                "  CONSTRAINT ck_posts_score CHECK (score >= 0)"
                ") ENGINE=InnoDB"});
  Project inspector(original->url());
  const CliResult inspected = inspector.run({"inspect"});
  INFO("inspect: " << inspected.err);
  REQUIRE(inspected.code == 0);
  INFO("models.yaml:\n" << inspected.out);

  auto copy = make_database("mysql");
  REQUIRE(copy);
  Project project(copy->url());
  project.write("models.yaml", inspected.out);
  migrate_and_upgrade(project, "from the inspected models");
  const std::string expected = catalog::dump(*original);
  const std::string actual = catalog::dump(*copy);
  INFO("catalog diff (- hand-built, + built by dbmig):\n" << catalog::line_diff(expected, actual));
  CHECK(expected == actual);
  CHECK(no_changes(project));
}

}  // namespace dbmig::test
