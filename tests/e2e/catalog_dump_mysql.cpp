// The MySQL/MariaDB catalog dump of the connection's current database, from information_schema
// as the server reports it (COLUMN_TYPE, COLUMN_DEFAULT, EXTRA, CHECK_CLAUSE... in the server's
// own spelling), so that two databases compare in the server's canonical form whatever SQL built
// them, and not through dbmig's own introspection.
#include <algorithm>
#include <sstream>

#include "catalog_dump.hpp"

namespace dbmig::test::catalog {

namespace {

std::string text(const std::optional<std::string>& value) { return value.value_or("NULL"); }

std::vector<dialect::Row> query(dialect::Connection& connection, const std::string& sql) {
  return connection.query({sql, {}});
}

// A name as MySQL quotes it, for the row counts and the index terms.
std::string backquoted(const std::string& name) {
  std::string quoted = "`";
  for (const char c : name) quoted += c == '`' ? std::string("``") : std::string(1, c);
  return quoted + "`";
}

// A string value as a SQL literal (comments): escapes made visible, so a line stays one line.
std::string literal(const std::string& value) {
  std::string quoted = "'";
  for (const char c : value) {
    if (c == '\'') quoted += "''";
    else if (c == '\\') quoted += "\\\\";
    else if (c == '\n') quoted += "\\n";
    else quoted += c;
  }
  return quoted + "'";
}

// The base tables of the current database, dbmig's own and other tools' left out: the condition
// shared by every query below (each information_schema view has TABLE_SCHEMA and TABLE_NAME).
std::string user_tables(const std::string& alias) {
  return alias + ".TABLE_SCHEMA = DATABASE() AND " + alias + ".TABLE_NAME NOT IN " + unmanaged_tables_sql() +
         " AND " + alias + ".TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES "
                           "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE')";
}

// Facts keyed by table name, in query order (columns) or sorted (the rest).
using ByTable = std::map<std::string, std::vector<std::string>>;

// What this server's information_schema has: MySQL 8 has STATISTICS.EXPRESSION (functional key
// parts) and a CHECK_CONSTRAINTS view without TABLE_NAME (check names are unique per schema
// there); MariaDB has CHECK_CONSTRAINTS.TABLE_NAME (names unique per table) and no EXPRESSION.
struct Views {
  bool statistics_expression = false;
  bool check_table_name = false;
};

Views views(dialect::Connection& connection) {
  Views found;
  for (const auto& row : query(connection,
                               "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
                               "WHERE TABLE_SCHEMA = 'information_schema' AND ((TABLE_NAME = 'STATISTICS' AND "
                               "COLUMN_NAME = 'EXPRESSION') OR (TABLE_NAME = 'CHECK_CONSTRAINTS' AND "
                               "COLUMN_NAME = 'TABLE_NAME'))")) {
    if (text(row[0]) == "STATISTICS") found.statistics_expression = true;
    if (text(row[0]) == "CHECK_CONSTRAINTS") found.check_table_name = true;
  }
  return found;
}

// Each table's collation, to show a column's collation only where it is not the table's.
std::map<std::string, std::string> table_collations(dialect::Connection& connection) {
  std::map<std::string, std::string> collations;
  for (const auto& row :
       query(connection, "SELECT t.TABLE_NAME, t.TABLE_COLLATION FROM information_schema.TABLES t WHERE " +
                             user_tables("t")))
    collations[text(row[0])] = text(row[1]);
  return collations;
}

ByTable columns(dialect::Connection& connection) {
  const auto collations = table_collations(connection);
  ByTable lines;
  // COLUMN_TYPE keeps what MySQL keeps: unsigned, zerofill, display widths where the server
  // prints them, enum and set values, fractional seconds. COLUMN_DEFAULT is MariaDB's quoted form
  // ('x' for a literal, NULL, current_timestamp()); EXTRA carries auto_increment, ON UPDATE and
  // VIRTUAL / STORED GENERATED.
  const auto rows = query(connection,
                          "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA, "
                          "c.COLLATION_NAME, c.COLUMN_COMMENT, c.GENERATION_EXPRESSION "
                          "FROM information_schema.COLUMNS c WHERE " +
                              user_tables("c") + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION");
  for (const auto& row : rows) {
    const std::string table = text(row[0]);
    std::string line = "  column " + text(row[1]) + ": " + text(row[2]) + (text(row[3]) == "NO" ? " NOT NULL" : "");
    const std::string extra = text(row[5]);
    const bool generated = row[8] && !row[8]->empty();
    if (generated)
      line += " AS (" + *row[8] + ")";
    else if (row[4])
      line += " DEFAULT " + *row[4];
    if (!extra.empty() && extra != "NULL") line += " " + extra;
    if (row[6]) {
      const auto found = collations.find(table);
      if (found == collations.end() || found->second != *row[6]) line += " COLLATE " + *row[6];
    }
    if (row[7] && !row[7]->empty()) line += " COMMENT " + literal(*row[7]);
    lines[table].push_back(line);
  }
  return lines;
}

ByTable indexes(dialect::Connection& connection, const Views& have) {
  // One row per key part, in order: the parts of one index are joined here rather than with
  // GROUP_CONCAT, whose length limit is a server setting.
  const auto rows = query(connection,
                          "SELECT s.TABLE_NAME, s.INDEX_NAME, s.NON_UNIQUE, s.INDEX_TYPE, s.COLUMN_NAME, s.SUB_PART, "
                          "s.COLLATION, " +
                              std::string(have.statistics_expression ? "s.EXPRESSION" : "NULL") +
                              ", s.INDEX_COMMENT FROM information_schema.STATISTICS s WHERE " + user_tables("s") +
                              " ORDER BY s.TABLE_NAME, s.INDEX_NAME, s.SEQ_IN_INDEX");
  struct Index {
    std::string table, name, head, comment;
    std::vector<std::string> parts;
  };
  std::vector<Index> found;
  for (const auto& row : rows) {
    if (found.empty() || found.back().table != text(row[0]) || found.back().name != text(row[1])) {
      found.push_back(Index{text(row[0]), text(row[1]), (text(row[2]) == "0" ? "UNIQUE " : "") + text(row[3]),
                            row[8] ? *row[8] : std::string(), {}});
    }
    std::string part = row[4] ? backquoted(*row[4]) : "(" + text(row[7]) + ")";
    if (row[5]) part += "(" + *row[5] + ")";
    if (text(row[6]) == "D") part += " DESC";
    found.back().parts.push_back(part);
  }
  ByTable lines;
  for (const Index& index : found) {
    std::string line = "  index " + index.name + ": " + index.head + " (";
    for (std::size_t i = 0; i < index.parts.size(); ++i) line += (i ? ", " : "") + index.parts[i];
    line += ")";
    if (!index.comment.empty()) line += " COMMENT " + literal(index.comment);
    lines[index.table].push_back(line);
  }
  return lines;
}

ByTable constraints(dialect::Connection& connection, const Views& have) {
  ByTable lines;
  // Key columns of primary keys, unique constraints and foreign keys, and what a foreign key
  // references, in key order.
  std::map<std::pair<std::string, std::string>, std::pair<std::vector<std::string>, std::vector<std::string>>> keys;
  std::map<std::pair<std::string, std::string>, std::string> referenced_table;
  for (const auto& row :
       query(connection,
             "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME "
             "FROM information_schema.KEY_COLUMN_USAGE k WHERE " +
                 user_tables("k") + " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
    const auto key = std::make_pair(text(row[0]), text(row[1]));
    keys[key].first.push_back(backquoted(text(row[2])));
    if (row[3]) {
      referenced_table[key] = *row[3];
      keys[key].second.push_back(backquoted(text(row[4])));
    }
  }
  std::map<std::pair<std::string, std::string>, std::string> rules;
  for (const auto& row : query(connection,
                               "SELECT r.TABLE_NAME, r.CONSTRAINT_NAME, r.UPDATE_RULE, r.DELETE_RULE, r.MATCH_OPTION "
                               "FROM information_schema.REFERENTIAL_CONSTRAINTS r WHERE r.CONSTRAINT_SCHEMA = DATABASE()"))
    rules[{text(row[0]), text(row[1])}] =
        " ON UPDATE " + text(row[2]) + " ON DELETE " + text(row[3]) + " MATCH " + text(row[4]);
  std::map<std::pair<std::string, std::string>, std::string> checks;
  const std::string check_sql =
      have.check_table_name
          ? "SELECT c.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS c "
            "WHERE c.CONSTRAINT_SCHEMA = DATABASE()"
          : "SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS c "
            "JOIN information_schema.TABLE_CONSTRAINTS t ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND "
            "t.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND t.CONSTRAINT_TYPE = 'CHECK' WHERE c.CONSTRAINT_SCHEMA = DATABASE()";
  // MariaDB's LEVEL (a check written on a column or on the table) is left out: the same
  // condition either way, and dbmig writes every check at table level.
  for (const auto& row : query(connection, check_sql)) checks[{text(row[0]), text(row[1])}] = "CHECK (" + text(row[2]) + ")";

  const auto rows = query(connection,
                          "SELECT t.TABLE_NAME, t.CONSTRAINT_NAME, t.CONSTRAINT_TYPE FROM "
                          "information_schema.TABLE_CONSTRAINTS t WHERE " +
                              user_tables("t") + " ORDER BY t.TABLE_NAME, t.CONSTRAINT_NAME, t.CONSTRAINT_TYPE");
  for (const auto& row : rows) {
    const auto key = std::make_pair(text(row[0]), text(row[1]));
    const std::string type = text(row[2]);
    std::string line = "  constraint " + key.second + " (" + type + "): ";
    const auto join = [](const std::vector<std::string>& names) {
      std::string joined;
      for (std::size_t i = 0; i < names.size(); ++i) joined += (i ? ", " : "") + names[i];
      return joined;
    };
    if (type == "CHECK") {
      const auto found = checks.find(key);
      line += found == checks.end() ? "CHECK (?)" : found->second;
    } else {
      const auto& key_columns = keys[key];
      line += "(" + join(key_columns.first) + ")";
      if (type == "FOREIGN KEY") {
        const auto table = referenced_table.find(key);
        line += " REFERENCES " + (table == referenced_table.end() ? std::string("?") : table->second) + " (" +
                join(key_columns.second) + ")";
        const auto rule = rules.find(key);
        if (rule != rules.end()) line += rule->second;
      }
    }
    lines[key.first].push_back(line);
  }
  for (auto& [table, facts] : lines) std::sort(facts.begin(), facts.end());
  return lines;
}

}  // namespace

std::string dump_mysql(dialect::Connection& connection) {
  const Views have = views(connection);
  const ByTable column_lines = columns(connection);
  const ByTable constraint_lines = constraints(connection, have);
  const ByTable index_lines = indexes(connection, have);
  std::ostringstream out;
  const auto tables = query(connection,
                            "SELECT t.TABLE_NAME, t.ENGINE, t.TABLE_COLLATION, t.TABLE_COMMENT "
                            "FROM information_schema.TABLES t WHERE " +
                                user_tables("t") + " ORDER BY t.TABLE_NAME");
  for (const auto& table : tables) {
    const std::string name = text(table[0]);
    out << "table " << name << " ENGINE=" << text(table[1]) << " COLLATE=" << text(table[2])
        << (table[3] && !table[3]->empty() ? " COMMENT " + literal(*table[3]) : std::string()) << "\n";
    for (const ByTable* group : {&column_lines, &constraint_lines, &index_lines}) {
      const auto found = group->find(name);
      if (found == group->end()) continue;
      for (const auto& line : found->second) out << line << "\n";
    }
  }
  return out.str();
}

std::map<std::string, long long> mysql_row_counts(dialect::Connection& connection) {
  std::map<std::string, long long> counts;
  for (const auto& table :
       query(connection, "SELECT t.TABLE_NAME FROM information_schema.TABLES t WHERE " + user_tables("t"))) {
    const auto count = query(connection, "SELECT COUNT(*) FROM " + backquoted(text(table[0])));
    counts[text(table[0])] = std::stoll(text(count.at(0).at(0)));
  }
  return counts;
}

}  // namespace dbmig::test::catalog
