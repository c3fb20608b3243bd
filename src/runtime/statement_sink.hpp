#pragma once
// Where the migrator sends SQL: a live connection, or a script printed for `--sql` (offline
// review). The migrator's logic is the same for both, so `--sql` shows exactly what would run.
#include <iosfwd>

#include "dialect/connection.hpp"
#include "dialect/dialect.hpp"

namespace dbmig::runtime {

class StatementSink {
 public:
  virtual ~StatementSink() = default;
  virtual void execute(const dialect::Statement& statement) = 0;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;  // never throws
  virtual void comment(std::string_view text) = 0;  // a note in a script; nothing on a connection
  // Whether the query returns a row; false in a script, where nothing is asked.
  virtual bool returns_rows(const dialect::Query& query) = 0;
};

// Runs each statement on the connection. With -vv each is logged as "SQL: ..."; given the dialect,
// with its parameters written in, so the log reads like the --sql script of the same run.
class ConnectionSink final : public StatementSink {
 public:
  explicit ConnectionSink(dialect::Connection& connection, const dialect::Dialect* dialect = nullptr)
      : connection_(connection), dialect_(dialect) {}
  void execute(const dialect::Statement& statement) override;
  void begin() override { connection_.begin(); }
  void commit() override { connection_.commit(); }
  void rollback() override { connection_.rollback(); }
  void comment(std::string_view) override {}
  bool returns_rows(const dialect::Query& query) override;

 private:
  dialect::Connection& connection_;
  const dialect::Dialect* dialect_;
};

// Writes each statement with its parameters inlined, terminated by ";".
class ScriptSink final : public StatementSink {
 public:
  ScriptSink(std::ostream& out, const dialect::Dialect& dialect) : out_(out), dialect_(dialect) {}
  void execute(const dialect::Statement& statement) override;
  void begin() override;
  void commit() override;
  void rollback() override {}
  void comment(std::string_view text) override;
  bool returns_rows(const dialect::Query& /*query*/) override { return false; }

 private:
  std::ostream& out_;
  const dialect::Dialect& dialect_;
};

}  // namespace dbmig::runtime
