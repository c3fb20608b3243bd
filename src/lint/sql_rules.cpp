#include "lint/sql_rules.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "lint/rule_catalog.hpp"
#include "lint/sql_statements.hpp"
#include "lint/volatile_default.hpp"

namespace dbmig::lint {

namespace {

using dialect::Token;

// Reads a run of tokens left to right by keyword.
class Cursor {
 public:
  Cursor(const std::vector<Token>& tokens, std::size_t begin, std::size_t end)
      : tokens_(tokens), at_(begin), end_(end) {}

  bool at_end() const { return at_ >= end_; }
  // Steps over the keywords when they come next, in order; otherwise stays and says false.
  bool accept(std::initializer_list<std::string_view> keywords) {
    std::size_t at = at_;
    for (const auto keyword : keywords) {
      if (at >= end_ || !tokens_[at].is_keyword(keyword)) return false;
      ++at;
    }
    at_ = at;
    return true;
  }
  // Whether the keywords come next in order anywhere from here on.
  bool contains(std::initializer_list<std::string_view> keywords) const {
    for (std::size_t start = at_; start < end_; ++start) {
      Cursor probe(tokens_, start, end_);
      if (probe.accept(keywords)) return true;
    }
    return false;
  }
  // A table name, `name` or `schema.name`, as PostgreSQL reads it: unquoted names folded to lower
  // case. nullopt when no name comes next.
  std::optional<ops::TableName> table_name() {
    const auto part = [&]() -> std::optional<std::string> {
      if (at_end() || !tokens_[at_].is_identifier()) return std::nullopt;
      const Token& token = tokens_[at_++];
      return token.kind == dialect::TokenKind::word ? dialect::to_lower_ascii(token.text) : token.value();
    };
    auto first = part();
    if (!first) return std::nullopt;
    if (!at_end() && tokens_[at_].is('.')) {
      ++at_;
      if (auto second = part()) return ops::TableName{*second, *first};
    }
    return ops::TableName{*first, ""};
  }
  void skip() { ++at_; }
  std::size_t position() const { return at_; }
  std::size_t end() const { return end_; }

 private:
  const std::vector<Token>& tokens_;
  std::size_t at_;
  std::size_t end_;
};

class StatementRules {
 public:
  StatementRules(const SqlStatement& statement, NewTables& new_tables, const Location& where, std::string_view label,
                 std::vector<Finding>& findings)
      : tokens_(statement.tokens),
        new_tables_(new_tables),
        where_(where),
        text_(std::string(label) + statement.text),
        findings_(findings) {}

  // Reads the statement from token `start` on; false when it is not a statement lint knows.
  bool check(std::size_t start) {
    Cursor cursor(tokens_, start, tokens_.size());
    if (cursor.accept({"CREATE"})) {
      create(cursor);
      return true;
    }
    if (cursor.accept({"DROP", "INDEX"})) {
      drop_index(cursor);
      return true;
    }
    if (cursor.accept({"DROP", "TABLE"})) {
      drop_table(cursor);
      return true;
    }
    if (cursor.accept({"ALTER", "TABLE"})) {
      alter_table(cursor);
      return true;
    }
    if (cursor.accept({"LOCK"})) {
      lock_table(cursor);
      return true;
    }
    if (cursor.accept({"VACUUM"})) {
      if (cursor.contains({"FULL"}))
        report("vacuum-full", "VACUUM FULL rewrites each table it names under an ACCESS EXCLUSIVE lock",
               "plain VACUUM (SHARE UPDATE EXCLUSIVE: reads and writes go on), or pg_repack");
      return true;
    }
    if (cursor.accept({"CLUSTER"})) {
      report("cluster", "CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock",
             "leave it out of migrations; pg_repack reorders a table online");
      return true;
    }
    if (cursor.accept({"REINDEX"})) {
      if (!cursor.contains({"CONCURRENTLY"}))
        report("reindex-not-concurrent",
               "REINDEX locks out writes to the table (SHARE) and takes ACCESS EXCLUSIVE on the index being "
               "rebuilt: reads that use it wait too",
               "REINDEX ... CONCURRENTLY (PostgreSQL 12+), outside a transaction");
      return true;
    }
    if (cursor.accept({"TRUNCATE"})) {
      report("truncate", "TRUNCATE deletes every row, under an ACCESS EXCLUSIVE lock",
             "delete what must go in batches, or drop the table in a later release once nothing uses it");
      return true;
    }
    return false;
  }

  // A statement of a DO block or function body may follow PL/pgSQL's block words:
  // `BEGIN IF NOT EXISTS (...) THEN ALTER TABLE ...`. Tried from the start, then after each
  // BEGIN, THEN, ELSE or LOOP until a statement lint knows is found.
  void check_in_body() {
    for (std::size_t start = 0; start < tokens_.size() && !check(start);) {
      const auto block_word = std::find_if(tokens_.begin() + static_cast<std::ptrdiff_t>(start), tokens_.end(),
                                           [](const Token& token) {
                                             return token.is_keyword("BEGIN") || token.is_keyword("THEN") ||
                                                    token.is_keyword("ELSE") || token.is_keyword("LOOP");
                                           });
      start = static_cast<std::size_t>(block_word - tokens_.begin()) + 1;
    }
  }

 private:
  void report(std::string_view rule, std::string why, std::string safe_form) {
    findings_.push_back(make_finding(rule, where_, text_, std::move(why), std::move(safe_form)));
  }

  static std::string named(const std::optional<ops::TableName>& table) {
    return table ? shown_table(*table) : std::string("the table");
  }
  bool is_new(const std::optional<ops::TableName>& table) const { return table && new_tables_.contains(*table); }

  // CREATE [UNIQUE] INDEX [CONCURRENTLY] ... ON [ONLY] table; CREATE [...] TABLE [IF NOT EXISTS] name.
  void create(Cursor& cursor) {
    const bool unique = cursor.accept({"UNIQUE"});
    if (cursor.accept({"INDEX"})) {
      if (cursor.accept({"CONCURRENTLY"})) return;
      while (!cursor.at_end() && !cursor.accept({"ON"})) cursor.skip();
      cursor.accept({"ONLY"});
      const auto table = cursor.table_name();
      if (is_new(table)) return;
      return report("index-not-concurrent",
                    std::string("CREATE ") + (unique ? "UNIQUE " : "") + "INDEX takes a SHARE lock on " + named(table) +
                        ": writes to it wait until the build ends",
                    "CREATE INDEX CONCURRENTLY, outside a transaction (a revision with transactional: false)");
    }
    while (cursor.accept({"OR"}) || cursor.accept({"REPLACE"}) || cursor.accept({"GLOBAL"}) ||
           cursor.accept({"LOCAL"}) || cursor.accept({"TEMP"}) || cursor.accept({"TEMPORARY"}) ||
           cursor.accept({"UNLOGGED"})) {
    }
    if (!cursor.accept({"TABLE"})) return;
    cursor.accept({"IF", "NOT", "EXISTS"});
    if (const auto table = cursor.table_name()) new_tables_.add(*table);
  }

  void drop_index(Cursor& cursor) {
    if (cursor.accept({"CONCURRENTLY"})) return;
    report("drop-index-not-concurrent",
           "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: reads and writes wait, and queue behind "
           "any long query on it",
           "DROP INDEX CONCURRENTLY, outside a transaction (a revision with transactional: false)");
  }

  void drop_table(Cursor& cursor) {
    cursor.accept({"IF", "EXISTS"});
    const auto table = cursor.table_name();
    if (is_new(table)) return;
    report("drop-table",
           "DROP TABLE deletes every row of " + named(table) +
               " and takes an ACCESS EXCLUSIVE lock on it; code still reading it fails",
           "drop it in a later release, once no deployed code uses it and its data is backed up");
  }

  void lock_table(Cursor& cursor) {
    cursor.accept({"TABLE"});
    const auto table = cursor.table_name();
    const bool mode_given = cursor.contains({"MODE"});
    report("lock-table",
           "LOCK TABLE holds " + std::string(mode_given ? "the lock it names" : "an ACCESS EXCLUSIVE lock") + " on " +
               named(table) + " until the revision's transaction ends",
           "leave explicit locks out of migrations; each DDL statement takes the lock it needs, for as short as it "
           "can");
  }

  // ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, action ...]
  void alter_table(Cursor& cursor) {
    cursor.accept({"IF", "EXISTS"});
    cursor.accept({"ONLY"});
    const auto table = cursor.table_name();
    if (is_new(table)) return;
    if (!cursor.at_end() && tokens_[cursor.position()].text == "*") cursor.skip();
    for (const auto& action : dialect::split_top_level(tokens_, cursor.position(), tokens_.size())) {
      Cursor action_cursor(tokens_, action.begin, action.end);
      alter_table_action(action_cursor, table);
    }
  }

  void alter_table_action(Cursor& cursor, const std::optional<ops::TableName>& table) {
    if (cursor.accept({"RENAME"})) return rename(cursor, table);
    if (cursor.accept({"ADD"})) return add(cursor, table);
    if (cursor.accept({"ALTER"})) {
      cursor.accept({"COLUMN"});
      cursor.skip();  // the column's name
      if (cursor.accept({"TYPE"}) || cursor.accept({"SET", "DATA", "TYPE"}))
        return report("table-rewrite",
                      "ALTER COLUMN ... TYPE takes an ACCESS EXCLUSIVE lock on " + named(table) +
                          " and, unless the types are binary-compatible (varchar made longer, varchar to text), "
                          "rewrites it and its indexes while reads and writes wait",
                      "expand and contract: add a new column of the new type, write both, backfill in batches, "
                      "switch the reads, then drop the old column");
      if (cursor.accept({"SET", "NOT", "NULL"}))
        return report("set-not-null",
                      "SET NOT NULL scans all of " + named(table) +
                          " under an ACCESS EXCLUSIVE lock: reads and writes wait until the scan ends",
                      "ADD CONSTRAINT ... CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later "
                      "transaction, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check");
      return;
    }
    if (cursor.accept({"DROP"})) {
      if (cursor.accept({"CONSTRAINT"})) return;
      report("drop-column",
             "DROP COLUMN loses the column's data, takes an ACCESS EXCLUSIVE lock on " + named(table) +
                 ", and running code that still uses the column fails",
             "stop using the column in the code first and deploy that; drop it in a later revision");
    }
  }

  // RENAME TO new | RENAME [COLUMN] a TO b | RENAME CONSTRAINT a TO b (harmless).
  void rename(Cursor& cursor, const std::optional<ops::TableName>& table) {
    if (cursor.accept({"CONSTRAINT"})) return;
    if (cursor.accept({"TO"}))
      return report("rename-table",
                    "RENAME takes an ACCESS EXCLUSIVE lock on " + named(table) +
                        ", and every running process that still names it fails from then on",
                    "expand and contract: create the new table (or a view with the old name over it), deploy code "
                    "using the new name, then drop the old name in a later revision");
    report("rename-column",
           "RENAME COLUMN takes an ACCESS EXCLUSIVE lock on " + named(table) +
               ", and running code that still uses the old name fails from that moment",
           "expand and contract: add the new column, write both, backfill, move the reads, then drop the old one in "
           "a later revision");
  }

  // ADD [CONSTRAINT name] {FOREIGN KEY | CHECK | UNIQUE | PRIMARY KEY} ... | ADD [COLUMN] definition
  void add(Cursor& cursor, const std::optional<ops::TableName>& table) {
    if (cursor.accept({"CONSTRAINT"})) cursor.skip();  // the constraint's name
    if (cursor.accept({"FOREIGN"}) || cursor.accept({"CHECK"})) {
      if (cursor.contains({"NOT", "VALID"})) return;
      return report("constraint-not-not-valid",
                    "ADD CONSTRAINT checks every row of " + named(table) +
                        " while holding a lock that stops writes (SHARE ROW EXCLUSIVE on both tables for a foreign "
                        "key, ACCESS EXCLUSIVE for a check)",
                    "ADD CONSTRAINT ... NOT VALID (a brief lock), then VALIDATE CONSTRAINT in its own transaction "
                    "(SHARE UPDATE EXCLUSIVE: writes go on)");
    }
    if (cursor.accept({"UNIQUE"}) || cursor.accept({"PRIMARY"})) {
      if (cursor.contains({"USING", "INDEX"})) return;
      return unique_without_index(table);
    }
    // A column. Adding one is a catalog change unless each row needs its own value or an index.
    cursor.accept({"COLUMN"});
    if (cursor.contains({"UNIQUE"}) || cursor.contains({"PRIMARY", "KEY"})) unique_without_index(table);
    const bool computed_per_row = cursor.contains({"GENERATED"}) || cursor.contains({"SERIAL"}) ||
                                  cursor.contains({"BIGSERIAL"}) || cursor.contains({"SMALLSERIAL"});
    if (computed_per_row || volatile_default(cursor))
      report("table-rewrite",
             "ADD COLUMN with a volatile default or a value computed per row rewrites every row of " + named(table) +
                 " under an ACCESS EXCLUSIVE lock: reads and writes wait until it ends",
             "add the column without the default, set the default for new rows, backfill existing rows in batches");
  }

  // Whether the column definition from the cursor on has a DEFAULT calling a volatile function.
  bool volatile_default(const Cursor& cursor) const {
    for (std::size_t at = cursor.position(); at + 1 < cursor.end(); ++at)
      if (tokens_[at].is_keyword("DEFAULT")) {
        const Token& first = tokens_[at + 1];
        const Token& last = tokens_[cursor.end() - 1];
        return calls_volatile_function(std::string_view(first.text.data(), last.end() - first.offset));
      }
    return false;
  }

  void unique_without_index(const std::optional<ops::TableName>& table) {
    report("unique-not-using-index",
           "ADD UNIQUE / PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock on " + named(table) +
               ": reads and writes wait until the build ends",
           "CREATE UNIQUE INDEX CONCURRENTLY first (outside a transaction), then ADD CONSTRAINT ... UNIQUE / "
           "PRIMARY KEY USING INDEX (a brief lock)");
  }

  const std::vector<Token>& tokens_;
  NewTables& new_tables_;
  const Location& where_;
  std::string text_;
  std::vector<Finding>& findings_;
};

// Dollar quotes inside dollar quotes are read this deep and no deeper: enough for any real body,
// and no stack to exhaust for a hostile file.
constexpr int max_body_depth = 8;

// Lints each statement of `sql`, and the inside of each dollar-quoted text in it (a DO block or a
// function body, whose statements run when it does) as statements of a body; `body_depth` is how
// deep inside such texts `sql` is (0: the step's text).
void lint_statements(std::string_view sql, int body_depth, NewTables& new_tables, const Location& where,
                     std::string_view label, std::vector<Finding>& findings) {
  for (const SqlStatement& statement : split_statements(sql)) {
    StatementRules rules(statement, new_tables, where, label, findings);
    if (body_depth > 0)
      rules.check_in_body();
    else
      rules.check(0);
    if (body_depth == max_body_depth) continue;
    for (const Token& token : statement.tokens)
      if (const auto body = dollar_quoted_body(token))
        lint_statements(*body, body_depth + 1, new_tables, where, label, findings);
  }
}

}  // namespace

std::vector<Finding> sql_findings(std::string_view sql, NewTables& new_tables, const Location& where,
                                  std::string_view label) {
  std::vector<Finding> findings;
  lint_statements(sql, 0, new_tables, where, label, findings);
  return findings;
}

}  // namespace dbmig::lint
