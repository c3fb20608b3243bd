#include "runtime/statement_sink.hpp"

#include <ostream>

#include <spdlog/spdlog.h>

namespace dbmig::runtime {

void ConnectionSink::execute(const dialect::Statement& statement) {
  spdlog::debug("SQL: {}", statement.sql);
  connection_.execute(statement);
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
