#pragma once
// Shared by the test_sqlite_rebuild*.cpp files: a database with what a rebuild must keep (rows,
// indexes, a unique constraint, a check, triggers, a view, and a table referring to the rebuilt one
// with ON DELETE CASCADE), and running one op on it the way the migrator does.
#include <string>
#include <vector>

#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_dialect.hpp"
#include "runtime/statement_sink.hpp"
#include "test_sqlite_support.hpp"

namespace dbmig::test {

inline const char* const kRebuildFixture = R"(
CREATE TABLE teams (id INTEGER NOT NULL, name TEXT NOT NULL, CONSTRAINT pk_teams PRIMARY KEY (id));
CREATE TABLE users (
  id INTEGER NOT NULL,
  email VARCHAR(120) NOT NULL,
  name VARCHAR(80),
  score INTEGER DEFAULT 0,
  team_id INTEGER,
  CONSTRAINT pk_users PRIMARY KEY (id),
  CONSTRAINT uq_users_name_team_id UNIQUE (name, team_id),
  CONSTRAINT ck_users_score CHECK (score >= 0)
);
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE INDEX ix_users_name ON users (name);
CREATE TABLE audit (user_id INTEGER, action TEXT);
CREATE TRIGGER trg_users_audit AFTER UPDATE ON users BEGIN INSERT INTO audit (user_id, action) VALUES (new.id, 'update'); END;
CREATE TABLE posts (
  id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  title TEXT,
  CONSTRAINT pk_posts PRIMARY KEY (id),
  CONSTRAINT fk_posts_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_posts_user_id ON posts (user_id);
CREATE TRIGGER trg_posts_title BEFORE INSERT ON posts WHEN new.title = '' BEGIN SELECT RAISE(ABORT, 'empty title'); END;
CREATE VIEW user_posts AS SELECT users.email, posts.title FROM users JOIN posts ON posts.user_id = users.id;
INSERT INTO teams VALUES (1, 'red'), (2, 'blue');
INSERT INTO users VALUES (1, 'ann@example.org', 'Ann', 10, 1), (2, 'bob@example.org', NULL, 0, 2),
                         (3, 'cy@example.org', 'Cy', 7, NULL);
INSERT INTO posts VALUES (1, 1, 'hello'), (2, 1, 'again'), (3, 2, 'from bob');
)";

// Every row of a query, one line each, values separated by '|' (NULL as "NULL").
inline std::string rows_of(dialect::Connection& connection, const std::string& sql) {
  std::string out;
  for (const dialect::Row& row : connection.query({sql, {}})) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i].value_or("NULL");
    out += "\n";
  }
  return out;
}

// The whole database: its catalog and every row of every table, for "exactly as before" checks.
inline std::string dump_database(dialect::Connection& connection) {
  std::string out = rows_of(connection, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
  for (const dialect::Row& table : connection.query({"SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", {}})) {
    const std::string name = table.at(0).value_or("");
    out += "-- " + name + "\n" + rows_of(connection, "SELECT * FROM \"" + name + "\" ORDER BY 1");
  }
  return out;
}

// The op rendered against the introspected database and run in one transaction through the
// migrator's ConnectionSink (which fails on a check's rows), rolled back when anything fails.
inline void run_op(dialect::Connection& connection, const ops::Op& op) {
  const auto dialect = dialect::sqlite::make_sqlite_dialect();
  const schema::Schema before = dialect->introspect(connection, {});
  const std::vector<dialect::Statement> statements = dialect->render(op, dialect::RenderContext{&before});
  runtime::ConnectionSink sink(connection);
  connection.begin();
  try {
    for (const dialect::Statement& statement : statements) sink.execute(statement);
    connection.commit();
  } catch (...) {
    connection.rollback();
    throw;
  }
}

}  // namespace dbmig::test
