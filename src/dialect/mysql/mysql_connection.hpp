#pragma once
// A connection to one MySQL or MariaDB database through MariaDB's client library, owning its MYSQL
// handle.
#include <memory>
#include <string>

#include "config/database_url.hpp"
#include "dialect/connection.hpp"

struct st_mysql;       // MYSQL, from mysql.h, which only the .cpp includes
struct st_mysql_stmt;  // MYSQL_STMT

namespace dbmig::dialect::mysql {

class MysqlConnection final : public Connection {
 public:
  // Connects as the URL says (mysql_url.hpp), with utf8mb4 unless the URL names a charset, LOAD
  // DATA LOCAL refused, and the session's sql_mode without ANSI_QUOTES and NO_BACKSLASH_ESCAPES,
  // which would change what dbmig's quoting means. Throws dbmig::Error (database) with the masked
  // URL when the server cannot be reached or refuses the login.
  explicit MysqlConnection(const config::DatabaseUrl& url);

  // Without parameters the text is sent as it is (one statement: multi-statement mode is off);
  // with parameters it is prepared and each value bound as a string (NULL for nullopt).
  void execute(const Statement& statement) override;
  std::vector<Row> query(const Statement& statement) override;

  void begin() override;
  void commit() override;
  void rollback() override;
  // Asks the server's status flags rather than tracking begin()/commit(): DDL commits implicitly.
  bool in_transaction() const override;

  std::size_t statement_count() const override { return statement_count_; }

  // The server's version as a number (MariaDB 10.11.6 is 101106).
  unsigned long server_version() const;

 private:
  struct Closer {
    void operator()(st_mysql* connection) const;
  };
  struct StatementCloser {
    void operator()(st_mysql_stmt* statement) const;
  };

  std::vector<Row> run(const Statement& statement);
  std::vector<Row> run_plain(const Statement& statement);
  std::vector<Row> run_prepared(const Statement& statement);
  void configure(const char* sql);

  std::unique_ptr<st_mysql, Closer> connection_;
  std::size_t statement_count_ = 0;
};

}  // namespace dbmig::dialect::mysql
