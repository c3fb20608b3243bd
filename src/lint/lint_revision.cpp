#include "lint/lint_revision.hpp"

#include "lint/ignore_comments.hpp"
#include "lint/op_rules.hpp"
#include "lint/sql_rules.hpp"

namespace dbmig::lint {

namespace {

// The step as findings quote it: its first line as written, without the list dash and a
// trailing comment. Steps are written one per line (create_table: its first line is enough to
// find it).
std::string step_text(const std::vector<std::string_view>& lines, const Location& where) {
  if (where.line < 1 || where.line > static_cast<int>(lines.size())) return {};
  std::string_view line = lines[static_cast<std::size_t>(where.line - 1)];
  if (where.column >= 1 && static_cast<std::size_t>(where.column) <= line.size())
    line.remove_prefix(static_cast<std::size_t>(where.column - 1));
  line = line.substr(0, comment_start(line));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
  return std::string(line);
}

// A sql step's texts: the one for every dialect and each dialect's own, each linted; PostgreSQL's
// locks are what the rules know, but a `default:` text runs there too.
std::vector<Finding> sql_step_findings(const ops::Sql& sql, NewTables& new_tables, const Location& where) {
  std::vector<Finding> findings;
  const auto add = [&](std::vector<Finding> more) { findings.insert(findings.end(), more.begin(), more.end()); };
  if (sql.any_dialect) add(sql_findings(*sql.any_dialect, new_tables, where, sql.per_dialect.empty() ? "" : "default: "));
  for (const auto& [dialect, text] : sql.per_dialect) add(sql_findings(text, new_tables, where, dialect + ": "));
  return findings;
}

}  // namespace

std::vector<Finding> lint_revision(const revision::Revision& revision, std::string_view file_text, bool online) {
  const auto lines = lines_of(file_text);
  NewTables new_tables;
  std::vector<Finding> findings;
  for (std::size_t i = 0; i < revision.upgrade.size(); ++i) {
    const ops::Op& op = revision.upgrade[i];
    const Location where = i < revision.upgrade_positions.size() ? revision.upgrade_positions[i]
                                                                  : Location{revision.path.string(), 0, 0};
    std::vector<Finding> step_findings = std::holds_alternative<ops::Sql>(op)
                                             ? sql_step_findings(std::get<ops::Sql>(op), new_tables, where)
                                             : op_findings(op, new_tables, where, step_text(lines, where), online);
    step_findings = apply_ignores(std::move(step_findings), ignores_for_step(lines, where));
    findings.insert(findings.end(), step_findings.begin(), step_findings.end());
  }
  return findings;
}

}  // namespace dbmig::lint
