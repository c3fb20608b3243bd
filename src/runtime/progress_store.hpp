#pragma once
// The progress of a revision carried out in several transactions (PostgreSQL's online steps run
// apart from the revision's transaction): how many of its statements are done, so that a run
// killed or failed half way resumes where it stopped instead of failing on what is already there.
// The table (<version table base>_progress) is made by the first such revision and holds at most
// one row; a revision that finishes removes it in the transaction that records the revision.
#include <cstddef>
#include <optional>
#include <string>

#include "dialect/connection.hpp"
#include "dialect/dialect.hpp"
#include "runtime/statement_sink.hpp"

namespace dbmig::runtime {

// "dbmig_version" -> "dbmig_progress", like history_table_name.
std::string progress_table_name(std::string_view version_table);

using Progress = dialect::ProgressRow;

class ProgressStore {
 public:
  ProgressStore(const dialect::Dialect& dialect, std::string table) : dialect_(dialect), table_(std::move(table)) {}

  const std::string& table() const { return table_; }

  // The unfinished revision, if any (none when the table does not exist).
  std::optional<Progress> read(dialect::Connection& connection) const;

  void ensure_table(StatementSink& sink) const;
  // The row, replacing any other: for the first write of a run, inside a transaction.
  void write(StatementSink& sink, const Progress& progress) const;
  // The row write() wrote, moved on: one statement, so atomic outside a transaction too.
  void update(StatementSink& sink, const Progress& progress) const;
  void clear(StatementSink& sink) const;

 private:
  const dialect::Dialect& dialect_;
  std::string table_;
};

}  // namespace dbmig::runtime
