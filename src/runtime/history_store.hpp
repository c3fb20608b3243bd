#pragma once
// The history table: every revision applied, reverted or stamped, with the checksum of its file,
// when, how long it took and who ran it. Upgrade compares the checksums with the files to find
// applied revisions that were edited afterwards (changed_revisions.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dialect/connection.hpp"
#include "dialect/dialect.hpp"
#include "runtime/statement_sink.hpp"

namespace dbmig::runtime {

// The history table's name, which follows the version table's: a trailing "_version" becomes
// "_history" (dbmig_version -> dbmig_history), any other name gets "_history" appended
// (schema_revs -> schema_revs_history).
std::string history_table_name(std::string_view version_table);
// The same rule for dbmig's other tables beside the version table (`role`: "progress", ...).
std::string bookkeeping_table_name(std::string_view version_table, std::string_view role);

struct HistoryRow {
  std::string revision;
  std::string direction;  // upgrade, downgrade or stamp
  std::optional<std::string> checksum;
  std::optional<std::string> applied_at;  // as the database writes timestamps
  std::optional<std::int64_t> duration_ms;
  std::optional<std::string> applied_by;
};

class HistoryStore {
 public:
  HistoryStore(const dialect::Dialect& dialect, std::string table) : dialect_(dialect), table_(std::move(table)) {}

  const std::string& table() const { return table_; }

  // Every row, oldest first; empty when the table does not exist yet.
  std::vector<HistoryRow> read(dialect::Connection& connection) const;

  void ensure_table(StatementSink& sink) const;
  void record(StatementSink& sink, const dialect::HistoryEntry& entry) const;

 private:
  const dialect::Dialect& dialect_;
  std::string table_;
};

}  // namespace dbmig::runtime
