#include "runtime/statement_sink.hpp"

#include <ostream>

#include <spdlog/spdlog.h>

#include "util/error.hpp"

namespace dbmig::runtime {

namespace {

// A row's values for an error message: "a, b" with NULL spelled out.
std::string describe_row(const dialect::Row& row) {
  std::string text;
  for (const auto& value : row) {
    if (!text.empty()) text += ", ";
    text += value.value_or("NULL");
  }
  return text;
}

}  // namespace

void ConnectionSink::execute(const dialect::Statement& statement) {
  if (spdlog::should_log(spdlog::level::debug))
    spdlog::debug("SQL: {}", dialect_ ? dialect_->inline_parameters(statement) : statement.sql);
  if (!statement.fail_if_rows) {
    connection_.execute(statement);
    return;
  }
  // A check: its rows are violations, and the first one is enough to say what is wrong.
  const std::vector<dialect::Row> rows = connection_.query(statement);
  if (rows.empty()) return;
  throw database_error(*statement.fail_if_rows + ": " + describe_row(rows.front()),
                       "correct those rows (for instance with a sql step earlier in the revision) and run "
                       "the migration again");
}

bool ConnectionSink::returns_rows(const dialect::Query& query) {
  return !connection_.query(dialect::Statement{query.sql, query.params}).empty();
}

void ScriptSink::execute(const dialect::Statement& statement) {
  std::string text = dialect_.inline_parameters(statement);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == ';')) text.pop_back();
  out_ << text << ";\n";
}

void ScriptSink::begin() { out_ << "BEGIN;\n"; }

void ScriptSink::commit() { out_ << "COMMIT;\n"; }

void ScriptSink::comment(std::string_view text) { out_ << "\n-- " << text << "\n"; }

}  // namespace dbmig::runtime
