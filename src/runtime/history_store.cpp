#include "runtime/history_store.hpp"

#include <charconv>

namespace dbmig::runtime {

std::string bookkeeping_table_name(std::string_view version_table, std::string_view role) {
  constexpr std::string_view suffix = "_version";
  const std::string base(version_table.size() > suffix.size() && version_table.ends_with(suffix)
                             ? version_table.substr(0, version_table.size() - suffix.size())
                             : version_table);
  return base + "_" + std::string(role);
}

std::string history_table_name(std::string_view version_table) {
  return bookkeeping_table_name(version_table, "history");
}

namespace {

std::optional<std::int64_t> integer_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<HistoryRow> HistoryStore::read(dialect::Connection& connection) const {
  if (connection.query(dialect_.version_table_exists(table_)).empty()) return {};
  std::vector<HistoryRow> rows;
  for (auto& row : connection.query(dialect_.select_history(table_))) {
    if (row.size() < 6) continue;
    rows.push_back(HistoryRow{row[0].value_or(""), row[1].value_or(""), std::move(row[2]), std::move(row[3]),
                              integer_of(row[4]), std::move(row[5])});
  }
  return rows;
}

void HistoryStore::ensure_table(StatementSink& sink) const {
  for (const auto& statement : dialect_.create_history_table(table_)) sink.execute(statement);
}

void HistoryStore::record(StatementSink& sink, const dialect::HistoryEntry& entry) const {
  sink.execute(dialect_.insert_history(table_, entry));
}

}  // namespace dbmig::runtime
