#pragma once
// The version table: which revisions (heads) the database is at.
#include <string>
#include <vector>

#include "dialect/connection.hpp"
#include "dialect/dialect.hpp"
#include "runtime/statement_sink.hpp"

namespace dbmig::runtime {

class VersionStore {
 public:
  VersionStore(const dialect::Dialect& dialect, std::string table) : dialect_(dialect), table_(std::move(table)) {}

  const std::string& table() const { return table_; }

  // The revisions recorded in the database, sorted; empty when the table does not exist yet.
  std::vector<std::string> read(dialect::Connection& connection) const;

  void ensure_table(StatementSink& sink) const;
  // Record the move from `before` heads to `after` heads: delete what left, insert what came.
  void record(StatementSink& sink, const std::vector<std::string>& before, const std::vector<std::string>& after) const;

 private:
  const dialect::Dialect& dialect_;
  std::string table_;
};

}  // namespace dbmig::runtime
