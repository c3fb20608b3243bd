// The SQLite catalog dump: pragma table_list / table_xinfo / index_list / index_xinfo /
// foreign_key_list, sqlite3_table_column_metadata for what no pragma reports (a column's
// collation, AUTOINCREMENT), and the stored CREATE statements for what SQLite keeps only as text
// (CHECK and generated expressions, index expressions, partial-index WHERE clauses). Opened
// read-only through the C API directly, not through dbmig's connection class.
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "catalog_dump.hpp"
#include "catalog_sql_text.hpp"

namespace dbmig::test::catalog {

namespace {

using Row = std::vector<std::optional<std::string>>;

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Database = std::unique_ptr<sqlite3, Closer>;

std::vector<Row> query(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
    throw std::runtime_error("catalog query failed: " + sql + ": " + sqlite3_errmsg(db));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  std::vector<Row> rows;
  int result = 0;
  while ((result = sqlite3_step(raw)) == SQLITE_ROW) {
    Row row;
    for (int i = 0; i < sqlite3_column_count(raw); ++i) {
      if (sqlite3_column_type(raw, i) == SQLITE_NULL)
        row.emplace_back(std::nullopt);
      else
        row.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(raw, i)));
    }
    rows.push_back(std::move(row));
  }
  if (result != SQLITE_DONE) throw std::runtime_error("catalog query failed: " + sql + ": " + sqlite3_errmsg(db));
  return rows;
}

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string literal(const std::string& value) {
  std::string out = "'";
  for (const char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string upper(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

std::string lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::string text(const std::optional<std::string>& value) { return value.value_or("NULL"); }

Database open_read_only(const std::string& path) {
  sqlite3* raw = nullptr;
  const int result = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Database db(raw);
  if (result != SQLITE_OK) throw std::runtime_error("cannot open " + path);
  return db;
}

// What only the CREATE TABLE text holds: the CHECK expressions (by expression: SQLite reports no
// name, and a check declared on a column is the same check as one on the table), each generated
// column's expression (by lower-cased column name), and which foreign keys are DEFERRABLE
// (pragma foreign_key_list does not say): "(a, b) deferrable initially deferred".
struct CreateTableText {
  std::vector<std::string> checks;
  std::map<std::string, std::string> generated;
  std::vector<std::string> deferrable_keys;
};

// The deferrability of the REFERENCES clause in tokens [at, end): "" when not deferrable.
std::string deferrability(const std::vector<SqlToken>& tokens, std::size_t at, std::size_t end) {
  std::string found;
  for (; at < end; ++at) {
    if (tokens[at].is_word("not") && at + 1 < end && tokens[at + 1].is_word("deferrable")) return "";
    if (tokens[at].is_word("deferrable")) found = "deferrable";
    if (tokens[at].is_word("initially") && at + 1 < end && tokens[at + 1].is_word("deferred") && !found.empty())
      found += " initially deferred";
  }
  return found;
}

// The referring columns of a list item holding REFERENCES at `references`: the FOREIGN KEY
// (...) list of a table constraint, else the column the item defines.
std::string referring_columns(const std::vector<SqlToken>& tokens, std::size_t begin, std::size_t references) {
  for (std::size_t i = begin; i < references; ++i) {
    if (!tokens[i].is_word("foreign") || i + 2 >= references || !tokens[i + 2].is_punct("(")) continue;
    return "(" + canonical_tokens(tokens, i + 3, matching_paren(tokens, i + 2)) + ")";
  }
  return "(" + lower(tokens[begin].text) + ")";
}

CreateTableText read_create_table(const std::string& sql) {
  CreateTableText found;
  const auto tokens = sql_tokens(sql);
  std::size_t open = 0;
  while (open < tokens.size() && !tokens[open].is_punct("(")) ++open;
  if (open == tokens.size()) return found;
  const std::size_t close = matching_paren(tokens, open);
  for (const auto& [begin, end] : split_list(tokens, open, close)) {
    const SqlToken& first = tokens[begin];
    const bool table_constraint = first.is_word("constraint") || first.is_word("check") ||
                                  first.is_word("primary") || first.is_word("unique") || first.is_word("foreign");
    const std::string column = table_constraint ? "" : lower(first.text);
    for (std::size_t i = begin; i < end; ++i) {
      if (tokens[i].is_punct("(")) {
        i = matching_paren(tokens, i);  // only top-level words of the item start a clause
        continue;
      }
      if (tokens[i].is_word("references")) {
        if (const std::string deferrable = deferrability(tokens, i + 1, end); !deferrable.empty())
          found.deferrable_keys.push_back(referring_columns(tokens, begin, i) + " " + deferrable);
      }
      const bool takes_expression = i + 1 < end && tokens[i + 1].is_punct("(");
      if (!takes_expression) continue;
      const std::size_t expression_close = matching_paren(tokens, i + 1);
      if (tokens[i].is_word("check")) found.checks.push_back(canonical_tokens(tokens, i + 2, expression_close));
      if (tokens[i].is_word("as") && !table_constraint)
        found.generated[column] = canonical_tokens(tokens, i + 2, expression_close);
    }
  }
  std::sort(found.checks.begin(), found.checks.end());
  std::sort(found.deferrable_keys.begin(), found.deferrable_keys.end());
  return found;
}

// The terms and WHERE clause of a CREATE INDEX text: expression terms by canonical text (the
// pragmas give no text for them), the WHERE clause of a partial index.
struct CreateIndexText {
  std::vector<std::string> terms;  // canonical text of each term, ASC/DESC/COLLATE left to the pragma
  std::string where;
};

CreateIndexText read_create_index(const std::string& sql) {
  CreateIndexText found;
  const auto tokens = sql_tokens(sql);
  std::size_t open = 0;
  while (open < tokens.size() && !tokens[open].is_punct("(")) ++open;
  if (open == tokens.size()) return found;
  const std::size_t close = matching_paren(tokens, open);
  for (auto [begin, end] : split_list(tokens, open, close)) {
    // Ordering and collation are read from index_xinfo; strip them from the text.
    if (end > begin && (tokens[end - 1].is_word("asc") || tokens[end - 1].is_word("desc"))) --end;
    if (end - begin >= 2 && tokens[end - 2].is_word("collate")) end -= 2;
    found.terms.push_back(canonical_tokens(tokens, begin, end));
  }
  if (close + 1 < tokens.size() && tokens[close + 1].is_word("where"))
    found.where = canonical_tokens(tokens, close + 2, tokens.size());
  return found;
}

// The primary key columns of `table` in key order: an FK written `REFERENCES t` (no columns)
// points at them, and the pragma then reports NULL for its "to" columns.
std::vector<std::string> primary_key(sqlite3* db, const std::string& table) {
  std::map<int, std::string> by_position;
  for (const auto& row : query(db, "PRAGMA table_xinfo(" + quoted(table) + ")"))
    if (std::stoi(text(row[5])) > 0) by_position[std::stoi(text(row[5]))] = text(row[1]);
  std::vector<std::string> columns;
  for (const auto& [position, name] : by_position) columns.push_back(name);
  return columns;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

// A column default as SQLite keeps it, canonical; `DEFAULT NULL` is no default, and a unary plus
// on a number (`DEFAULT +7`) says nothing.
std::string column_default(const std::optional<std::string>& value) {
  if (!value) return "NULL";
  std::string canonical = canonical_sql(*value);
  if (canonical == "null") return "NULL";
  if (canonical.rfind("+ ", 0) == 0 && canonical.find(' ', 2) == std::string::npos) canonical.erase(0, 2);
  return canonical;
}

void dump_columns(sqlite3* db, const std::string& table, const CreateTableText& create, std::ostringstream& out) {
  for (const auto& row : query(db, "PRAGMA table_xinfo(" + quoted(table) + ")")) {
    // cid, name, type, notnull, dflt_value, pk, hidden (2: generated virtual, 3: generated stored)
    const std::string name = text(row[1]);
    const char* collation = nullptr;
    int autoincrement = 0;
    sqlite3_table_column_metadata(db, "main", table.c_str(), name.c_str(), nullptr, &collation, nullptr, nullptr,
                                  &autoincrement);
    out << "  column " << name << ": type=" << upper(text(row[2])) << " notnull=" << text(row[3])
        << " default=" << column_default(row[4]) << " pk=" << text(row[5])
        << " hidden=" << text(row[6]) << " collate=" << upper(collation ? collation : "?")
        << " autoincrement=" << autoincrement;
    const auto generated = create.generated.find(lower(name));
    if (generated != create.generated.end()) out << " generated=(" << generated->second << ")";
    out << "\n";
  }
}

void dump_indexes(sqlite3* db, const std::string& table, std::ostringstream& out) {
  std::vector<std::string> lines;
  for (const auto& index : query(db, "PRAGMA index_list(" + quoted(table) + ")")) {
    // seq, name, unique, origin (c: CREATE INDEX, u: UNIQUE, pk: PRIMARY KEY), partial
    const std::string name = text(index[1]);
    const auto sql = query(db, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = " + literal(name));
    const CreateIndexText create = !sql.empty() && sql[0][0] ? read_create_index(*sql[0][0]) : CreateIndexText{};
    std::vector<std::string> keys;
    for (const auto& key : query(db, "PRAGMA index_xinfo(" + quoted(name) + ")")) {
      // seqno, cid, name, desc, coll, key (0: the rowid or a WITHOUT ROWID table's other columns)
      if (text(key[5]) != "1") continue;
      const std::size_t position = static_cast<std::size_t>(std::stoul(text(key[0])));
      std::string term = key[2] ? *key[2]
                                : "<" + (position < create.terms.size() ? create.terms[position] : std::string("?")) + ">";
      keys.push_back(term + (text(key[3]) == "1" ? " DESC" : " ASC") + " " + upper(text(key[4])));
    }
    // SQLite numbers the indexes behind UNIQUE and PRIMARY KEY constraints itself; their names
    // (sqlite_autoindex_t_1) are nobody's choice.
    const std::string shown_name = name.rfind("sqlite_autoindex_", 0) == 0 ? "<automatic>" : name;
    std::string line = "  index " + shown_name + ": unique=" + text(index[2]) + " origin=" + text(index[3]) +
                       " partial=" + text(index[4]) + " keys=(" + join(keys) + ")";
    if (!create.where.empty()) line += " where=(" + create.where + ")";
    lines.push_back(line + "\n");
  }
  std::sort(lines.begin(), lines.end());
  for (const auto& line : lines) out << line;
}

void dump_foreign_keys(sqlite3* db, const std::string& table, std::ostringstream& out) {
  // id, seq, table, from, to, on_update, on_delete, match: one row per column of each key.
  struct Key {
    std::string parent, on_update, on_delete, match;
    std::vector<std::string> from, to;
  };
  std::map<int, Key> keys;
  for (const auto& row : query(db, "PRAGMA foreign_key_list(" + quoted(table) + ")")) {
    Key& key = keys[std::stoi(text(row[0]))];
    key.parent = text(row[2]);
    key.from.push_back(text(row[3]));
    if (row[4]) key.to.push_back(*row[4]);
    key.on_update = text(row[5]);
    key.on_delete = text(row[6]);
    key.match = text(row[7]);
  }
  std::vector<std::string> lines;
  for (auto& [id, key] : keys) {
    if (key.to.empty()) key.to = primary_key(db, key.parent);
    lines.push_back("  foreign key (" + join(key.from) + ") -> " + key.parent + "(" + join(key.to) +
                    ") on update " + key.on_update + " on delete " + key.on_delete + " match " + key.match + "\n");
  }
  std::sort(lines.begin(), lines.end());
  for (const auto& line : lines) out << line;
}

// User tables: what pragma table_list calls a table, SQLite's and dbmig's own left out.
std::vector<Row> user_tables(sqlite3* db) {
  return query(db,
               "SELECT t.name, t.wr, t.strict, s.sql FROM pragma_table_list t "
               "JOIN sqlite_schema s ON s.name = t.name AND s.type = 'table' "
               "WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
               "AND t.name NOT IN " + unmanaged_tables_sql() + " ORDER BY t.name");
}

}  // namespace

std::string dump_sqlite(const std::string& file_path) {
  if (!std::filesystem::exists(file_path)) return {};  // SQLite makes the file at the first write
  const Database db = open_read_only(file_path);
  std::ostringstream out;
  for (const auto& table : user_tables(db.get())) {
    const std::string name = text(table[0]);
    out << "table " << name << (text(table[1]) == "1" ? " WITHOUT ROWID" : "")
        << (text(table[2]) == "1" ? " STRICT" : "") << "\n";
    const CreateTableText create = read_create_table(text(table[3]));
    dump_columns(db.get(), name, create, out);
    for (const auto& check : create.checks) out << "  check (" << check << ")\n";
    for (const auto& key : create.deferrable_keys) out << "  foreign key " << key << "\n";
    dump_indexes(db.get(), name, out);
    dump_foreign_keys(db.get(), name, out);
  }
  return out.str();
}

std::map<std::string, long long> sqlite_row_counts(const std::string& file_path) {
  if (!std::filesystem::exists(file_path)) return {};
  const Database db = open_read_only(file_path);
  std::map<std::string, long long> counts;
  for (const auto& table : user_tables(db.get()))
    counts[text(table[0])] = std::stoll(text(query(db.get(), "SELECT count(*) FROM " + quoted(text(table[0])))[0][0]));
  return counts;
}

}  // namespace dbmig::test::catalog
