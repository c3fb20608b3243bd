#pragma once
// A connection to one PostgreSQL database through libpq, owning its PGconn.
#include <memory>
#include <string>

#include "config/database_url.hpp"
#include "dialect/connection.hpp"

struct pg_conn;    // PGconn, from libpq-fe.h, which only the .cpp includes
struct pg_result;  // PGresult

namespace dbmig::dialect::postgres {

class PostgresConnection final : public Connection {
 public:
  // Connects with anything libpq accepts as a connection string (postgresql:// and postgres://
  // URIs with their query parameters, key=value strings), naming itself "dbmig" to the server
  // unless the URL sets application_name, and keeping notices below WARNING off the terminal.
  // Throws dbmig::Error (database) with the masked URL when the server cannot be reached or
  // refuses the login.
  explicit PostgresConnection(const config::DatabaseUrl& url);

  // Without parameters the text may hold several statements (a raw `sql:` step), sent as one
  // simple query; with parameters it is one statement, bound as text values to $1..$n.
  void execute(const Statement& statement) override;
  std::vector<Row> query(const Statement& statement) override;

  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override;

  std::size_t statement_count() const override { return statement_count_; }

 private:
  struct ConnectionCloser {
    void operator()(pg_conn* connection) const;
  };
  struct ResultClearer {
    void operator()(pg_result* result) const;
  };
  using Result = std::unique_ptr<pg_result, ResultClearer>;

  // Sends the statement and returns its result once it succeeded; throws dbmig::Error naming the
  // SQL otherwise. Counted in statement_count().
  Result run(const Statement& statement);
  // A session setting made right after connecting; not counted.
  void configure(const char* sql);

  std::unique_ptr<pg_conn, ConnectionCloser> connection_;
  std::size_t statement_count_ = 0;
};

}  // namespace dbmig::dialect::postgres
