#include "runtime/progress_store.hpp"

#include <charconv>

#include "runtime/history_store.hpp"
#include "util/error.hpp"

namespace dbmig::runtime {

std::string progress_table_name(std::string_view version_table) {
  return bookkeeping_table_name(version_table, "progress");
}

namespace {

std::size_t count_of(const std::optional<std::string>& text, const std::string& table) {
  std::size_t value = 0;
  if (!text || std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc())
    throw database_error("the progress table " + table + " holds a row dbmig cannot read",
                         "it is dbmig's own bookkeeping: delete the row, check the schema by hand, then stamp");
  return value;
}

}  // namespace

std::optional<Progress> ProgressStore::read(dialect::Connection& connection) const {
  if (connection.query(dialect_.version_table_exists(table_)).empty()) return std::nullopt;
  const auto rows = connection.query(dialect_.select_progress(table_));
  if (rows.empty()) return std::nullopt;
  const dialect::Row& row = rows.front();
  if (row.size() < 5 || !row[0] || !row[1] || !row[2]) count_of(std::nullopt, table_);  // throws: not dbmig's row
  return Progress{*row[0], *row[1], *row[2], count_of(row[3], table_), count_of(row[4], table_) != 0};
}

void ProgressStore::ensure_table(StatementSink& sink) const {
  for (const auto& statement : dialect_.create_progress_table(table_)) sink.execute(statement);
}

void ProgressStore::write(StatementSink& sink, const Progress& progress) const {
  for (const auto& statement : dialect_.write_progress(table_, progress)) sink.execute(statement);
}

void ProgressStore::update(StatementSink& sink, const Progress& progress) const {
  sink.execute(dialect_.update_progress(table_, progress));
}

void ProgressStore::clear(StatementSink& sink) const { sink.execute(dialect_.clear_progress(table_)); }

}  // namespace dbmig::runtime
