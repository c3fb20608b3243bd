// The dialect switch for the catalog dumps and row counts, and the line diff that shows two
// dumps' differences in a failure message.
#include "catalog_dump.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include "config/database_url.hpp"
#include "dialect/registry.hpp"
#include "dialect/sqlite/sqlite_url.hpp"
#include "runtime/other_tools_tables.hpp"

namespace dbmig::test::catalog {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string sqlite_path(const TestDatabase& database) {
  return dialect::sqlite::sqlite_location(dialect::parse_database_url(database.url())).path;
}

}  // namespace

std::string dump(const TestDatabase& database) {
  if (database.dialect_name() == "sqlite") return dump_sqlite(sqlite_path(database));
  auto connection = database.connect();
  if (database.dialect_name() == "mysql") return dump_mysql(*connection);
  return dump_postgres(*connection);
}

std::map<std::string, long long> row_counts(const TestDatabase& database) {
  if (database.dialect_name() == "sqlite") return sqlite_row_counts(sqlite_path(database));
  auto connection = database.connect();
  if (database.dialect_name() == "mysql") return mysql_row_counts(*connection);
  return postgres_row_counts(*connection);
}

std::string unmanaged_tables_sql() {
  std::string list = "('dbmig_version', 'dbmig_history', 'dbmig_progress'";
  for (const std::string_view name : runtime::other_tools_table_names()) {
    list += ", '";
    list += name;  // known names: letters, digits and underscores only
    list += "'";
  }
  return list + ")";
}

std::string line_diff(const std::string& expected, const std::string& actual) {
  const auto a = lines_of(expected);
  const auto b = lines_of(actual);
  // Longest common subsequence table: dumps are a few hundred lines at most.
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  struct Line {
    char mark;
    const std::string* text;
  };
  std::vector<Line> script;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      script.push_back({' ', &a[i]});
      ++i, ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      script.push_back({'+', &b[j++]});
    } else {
      script.push_back({'-', &a[i++]});
    }
  }
  // Changed lines with two lines of context, and the table line each belongs to.
  constexpr std::size_t context = 2;
  std::vector<bool> shown(script.size(), false);
  bool any_change = false;
  for (std::size_t k = 0; k < script.size(); ++k) {
    if (script[k].mark == ' ') continue;
    any_change = true;
    for (std::size_t c = (k > context ? k - context : 0); c < std::min(script.size(), k + context + 1); ++c) shown[c] = true;
    for (std::size_t c = k + 1; c-- > 0;)
      if (script[c].text->rfind("table ", 0) == 0) {
        shown[c] = true;
        break;
      }
  }
  if (!any_change) return {};
  std::string out;
  bool skipped = false;
  for (std::size_t k = 0; k < script.size(); ++k) {
    if (!shown[k]) {
      skipped = true;
      continue;
    }
    if (skipped) out += "  ...\n";
    skipped = false;
    out += script[k].mark == ' ' ? "  " : std::string(1, script[k].mark) + " ";
    out += *script[k].text + "\n";
  }
  return out;
}

}  // namespace dbmig::test::catalog
