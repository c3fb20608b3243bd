// The statements of a SQLite table rebuild (SqliteRenderer::rebuild), all inside the revision's
// transaction:
//
//   checks that fail before anything changes     NULLs in a column becoming NOT NULL, rows in a
//                                                table that gains a required column
//   SAVEPOINT "dbmig_rebuild"                    all or nothing even in a transactional: false
//                                                revision (closing the connection rolls it back)
//   PRAGMA defer_foreign_keys = ON               foreign keys checked at COMMIT, not per statement
//   PRAGMA legacy_alter_table = ON
//   ALTER TABLE "t" RENAME TO "_dbmig_old_t"     for each table re-created
//   PRAGMA legacy_alter_table = OFF
//   CREATE TABLE "t" (...)                       each table after those it refers to
//   INSERT INTO "t" (...) SELECT ... FROM "_dbmig_old_t"   once every table exists, same order
//   DROP TABLE "_dbmig_old_t"                    each table before those it refers to
//   CREATE INDEX ... / CREATE TRIGGER ...        the indexes and triggers the tables had
//   SELECT ... FROM pragma_foreign_key_check('t')   fails the revision if it returns a row
//   PRAGMA defer_foreign_keys = OFF
//   RELEASE "dbmig_rebuild"
//
// With foreign keys off (RebuildPlan::foreign_keys_off: the revision's frame turned them off
// before its BEGIN, revision_frame.hpp) only the changed table is re-created, the referring
// tables stay as they are, and the statements differ thus:
//
//   SELECT ... FROM pragma_foreign_keys WHERE foreign_keys   first: fails if they are on after all
//   (no PRAGMA defer_foreign_keys: nothing is enforced)
//   SELECT ... FROM pragma_foreign_key_check('r')   also for each table referring to the changed one
//
// The renames still come first: with foreign keys off and legacy_alter_table on, the referring
// tables' REFERENCES "t" are left alone, so they name the new table once it exists. The check
// that foreign keys are really off guards the one thing that would lose rows: dropping the old
// table while they are on (a PRAGMA foreign_keys inside a transaction is silently ignored).
//
// Why this order rather than SQLite's documented "create new, copy, drop old, rename new", which
// assumes PRAGMA foreign_keys = OFF (a no-op inside a transaction): with foreign keys on, DROP
// TABLE first deletes the rows of a referenced table, running the referring tables' ON DELETE
// CASCADE / SET NULL actions (rows lost), and leaves the deferred-violation count up so that
// COMMIT fails; defer_foreign_keys does not stop either (checked with SQLite 3.40). So nothing is
// dropped while another table refers to it: the old tables are renamed away first, and every table
// referring to the rebuilt one is re-created too (rebuild_plan.hpp), so the old tables refer only
// to one another and are dropped children first.
//
// legacy_alter_table = ON during the renames keeps SQLite from rewriting views and triggers that
// name the table (they must keep naming "t", which the new table takes over) and from checking
// them while "t" is briefly missing. Foreign keys that refer to a renamed table are still rewritten
// to its new name when foreign keys are on, which only makes the old tables refer to one another;
// with foreign keys off (the script run by hand) they are left alone, which is just as harmless.
//
// defer_foreign_keys lets tables in a foreign-key cycle be filled one after the other, and leaves
// a violation in the copied rows for the foreign_key_check to report by row instead of failing the
// INSERT with SQLite's bare "FOREIGN KEY constraint failed".
//
// Rows are copied into the new table before its indexes and triggers exist: faster, and no
// trigger fires for rows that are not new. A changed type needs no CAST: SQLite converts each
// value to the new column's affinity on INSERT wherever that loses nothing (text '42' into an
// INTEGER column becomes 42, 42 into a TEXT column '42'), and keeps values that would not convert
// exactly as they are, where a CAST would turn 'abc' into 0 or 1.5 into 1.
#include "dialect/sqlite/sqlite_renderer.hpp"

#include "util/text.hpp"

namespace dbmig::dialect::sqlite {

using util::double_quoted;

namespace {

constexpr std::string_view kSavepoint = "dbmig_rebuild";

Statement sql(std::string text) { return Statement{std::move(text), {}}; }

Statement check(std::string text, std::string failure) {
  Statement statement = sql(std::move(text));
  statement.fail_if_rows = std::move(failure);
  return statement;
}

}  // namespace

std::vector<Statement> SqliteRenderer::rebuild(const RebuildPlan& plan) const {
  std::vector<Statement> statements;
  const auto add = [&](std::vector<Statement> more) {
    for (Statement& statement : more) statements.push_back(std::move(statement));
  };

  for (const RebuiltTable& table : plan.tables) {
    const std::string name = quote_identifier(table.definition.name);
    for (const CopiedColumn& column : table.copied) {
      if (!column.becomes_not_null) continue;
      statements.push_back(check("SELECT count(*) FROM " + name + " WHERE " + quote_identifier(column.name) +
                                     " IS NULL HAVING count(*) > 0",
                                 "column " + double_quoted(column.name) + " of table " + double_quoted(table.definition.name) +
                                     " cannot be made NOT NULL; rows holding NULL"));
    }
    for (const std::string& column : table.required_without_values) {
      statements.push_back(check("SELECT count(*) FROM " + name + " HAVING count(*) > 0",
                                 "cannot add NOT NULL column " + double_quoted(column) + " without a default to table " +
                                     double_quoted(table.definition.name) + "; rows it would leave without a value"));
    }
  }

  if (plan.foreign_keys_off) {
    statements.push_back(check("SELECT 'PRAGMA foreign_keys is ON' FROM pragma_foreign_keys WHERE foreign_keys",
                               "internal error: the rebuild of table " + double_quoted(plan.tables.front().definition.name) +
                                   " expects foreign keys off, so that dropping the old table touches no other"));
  }
  statements.push_back(sql("SAVEPOINT " + quote_identifier(kSavepoint)));
  if (!plan.foreign_keys_off) statements.push_back(sql("PRAGMA defer_foreign_keys = ON"));
  statements.push_back(sql("PRAGMA legacy_alter_table = ON"));
  for (const RebuiltTable& table : plan.tables) {
    statements.push_back(sql("ALTER TABLE " + quote_identifier(table.definition.name) + " RENAME TO " +
                             quote_identifier(table.holding_name)));
  }
  statements.push_back(sql("PRAGMA legacy_alter_table = OFF"));

  // Every table before any row: copying a row checks its foreign keys, which needs the tables
  // they refer to, and in a cycle of foreign keys each table refers to one created after it.
  for (const RebuiltTable& table : plan.tables) {
    schema::Table bare = table.definition;
    bare.indexes.clear();  // created once the rows are in
    add(create_table(ops::CreateTable{std::move(bare)}, RenderContext{}));
  }
  for (const RebuiltTable& table : plan.tables) {
    if (table.copied.empty()) continue;  // no column in common: the CREATE TABLE above has failed
    std::vector<std::string> columns;
    for (const CopiedColumn& column : table.copied) columns.push_back(quote_identifier(column.name));
    const std::string column_sql = util::join(columns, ", ");
    statements.push_back(sql("INSERT INTO " + quote_identifier(table.definition.name) + " (" + column_sql + ") SELECT " +
                             column_sql + " FROM " + quote_identifier(table.holding_name)));
  }
  for (auto table = plan.tables.rbegin(); table != plan.tables.rend(); ++table) {
    statements.push_back(sql("DROP TABLE " + quote_identifier(table->holding_name)));
  }

  for (const RebuiltTable& table : plan.tables) {
    const ops::TableName name{table.definition.name, {}};
    for (const schema::Index& index : table.definition.indexes) statements.push_back(create_index_statement(name, index));
    for (const schema::Trigger& trigger : table.definition.triggers) statements.push_back(sql(trigger.sql));
  }

  // Every re-created table with foreign keys: the changed one for its own keys, the referring
  // ones because a changed key column (its type, its uniqueness) can break theirs.
  const std::string& changed = plan.tables.front().definition.name;
  const auto check_keys = [&](const std::string& table) {
    statements.push_back(check(
        "SELECT 'row ' || coalesce(rowid, '?') || ' refers to a missing row of \"' || parent || '\"' FROM "
        "pragma_foreign_key_check(" + quote_literal(table) + ") LIMIT 1",
        "foreign key of table " + double_quoted(table) + " violated after rebuilding table " + double_quoted(changed)));
  };
  for (const RebuiltTable& table : plan.tables)
    if (!table.definition.foreign_keys.empty()) check_keys(table.definition.name);
  for (const std::string& referrer : plan.checked_referrers) check_keys(referrer);
  if (!plan.foreign_keys_off) statements.push_back(sql("PRAGMA defer_foreign_keys = OFF"));
  statements.push_back(sql("RELEASE " + quote_identifier(kSavepoint)));
  return statements;
}

}  // namespace dbmig::dialect::sqlite
