// Raw SQL steps on MySQL/MariaDB: the text the shared renderer picks for "mysql", one statement
// per SQL statement, since the server runs one per call and records progress after each.
#include "dialect/mysql/mysql_renderer.hpp"
#include "dialect/mysql/mysql_statements.hpp"

namespace dbmig::dialect::mysql {

std::vector<Statement> MysqlRenderer::raw_sql(const ops::Sql& op, const RenderContext& context) const {
  std::vector<Statement> statements;
  for (const Statement& text : SqlRenderer::raw_sql(op, context)) {
    // Nothing to resume with: hand-written SQL is run again as written.
    for (std::string& sql : split_statements(text.sql)) statements.push_back(Statement{std::move(sql), {}});
  }
  return statements;
}

}  // namespace dbmig::dialect::mysql
