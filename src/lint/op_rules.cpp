#include "lint/op_rules.hpp"

#include <algorithm>

#include "diff/type_change.hpp"
#include "lint/rule_catalog.hpp"
#include "lint/type_rewrite.hpp"
#include "lint/volatile_default.hpp"

namespace dbmig::lint {

namespace {

// Whether dbmig itself carries the op out in its online form on an existing table when the
// project runs online (the default; PostgreSQL's renderer, postgres_online.cpp): an index built or
// dropped CONCURRENTLY, a named foreign key or check added NOT VALID and validated apart, a named
// unique constraint or primary key added USING an index built concurrently, SET NOT NULL through
// a check validated apart. Each rule whose danger that form removes asks this first.
bool written_online(const ops::CreateIndex&, bool online) { return online; }
bool written_online(const ops::DropIndex&, bool online) { return online; }
template <class Constraint>
bool written_online(const ops::AddConstraint<Constraint>& op, bool online) {
  return online && !op.constraint.name.empty();
}
template <class AnyOp>
bool written_online(const AnyOp&, bool /*online*/) {
  return false;
}

// Collects the findings of one step.
class StepRules {
 public:
  StepRules(NewTables& new_tables, const Location& where, const std::string& statement, bool online)
      : new_tables_(new_tables), where_(where), statement_(statement), online_(online) {}

  std::vector<Finding> take() { return std::move(findings_); }

  void operator()(const ops::CreateTable& op) { new_tables_.add(ops::TableName{op.table.name, op.table.schema}); }

  void operator()(const ops::DropTable& op) {
    const ops::TableName table{op.table.name, op.table.schema};
    if (new_tables_.contains(table)) return;
    report("drop-table",
           "DROP TABLE deletes every row of " + shown_table(table) +
               " and takes an ACCESS EXCLUSIVE lock on it (and on tables whose foreign keys reference it); code "
               "still reading it fails",
           "drop it in a later release, once no deployed code uses it and its data is backed up");
  }

  void operator()(const ops::RenameTable& op) {
    const bool is_new = new_tables_.contains(op.table);
    new_tables_.rename(op.table, op.new_name);
    if (is_new) return;
    report("rename-table",
           "RENAME takes an ACCESS EXCLUSIVE lock on " + shown_table(op.table) +
               ", and every running process that still names it fails from then on",
           "expand and contract: create the new table (or a view named " + op.table.name +
               " over it), deploy code using the new name, then drop the old name in a later revision");
  }

  void operator()(const ops::AddColumn& op) {
    if (new_tables_.contains(op.table)) return;
    const auto& column = op.column;
    const bool volatile_default = column.default_sql && calls_volatile_function(*column.default_sql);
    const bool computed_per_row = column.autoincrement || (column.generated && column.generated->stored);
    if (!volatile_default && !computed_per_row) return;
    report("table-rewrite",
           "ADD COLUMN " + column.name + (volatile_default ? " with a volatile default" : " with a value computed per row") +
               " rewrites every row of " + shown_table(op.table) +
               " under an ACCESS EXCLUSIVE lock: reads and writes wait until it ends",
           "add the column without the default (or as a plain column), set the default for new rows, backfill "
           "existing rows in batches, then add the constraint you need");
  }

  void operator()(const ops::DropColumn& op) {
    if (new_tables_.contains(op.table)) return;
    report("drop-column",
           "DROP COLUMN " + op.column.name + " loses its data, takes an ACCESS EXCLUSIVE lock on " +
               shown_table(op.table) + ", and running code that still selects or inserts it fails",
           "stop using the column in the code first and deploy that; drop it in a later revision");
  }

  void operator()(const ops::RenameColumn& op) {
    if (new_tables_.contains(op.table)) return;
    report("rename-column",
           "RENAME COLUMN takes an ACCESS EXCLUSIVE lock on " + shown_table(op.table) + ", and running code that still "
               "uses " + op.old_name + " fails from that moment",
           "expand and contract: add " + op.new_name + ", write both columns, backfill, move the reads, then drop " +
               op.old_name + " in a later revision");
  }

  void operator()(const ops::AlterColumn& op) {
    if (new_tables_.contains(op.table)) return;
    if (op.type) check_type_change(op);
    // Online, SET NOT NULL goes through a check validated apart (no scan under the lock).
    if (op.nullable == false && op.existing.nullable && !online_)
      report("set-not-null",
             "SET NOT NULL on " + op.column + " scans all of " + shown_table(op.table) +
                 " under an ACCESS EXCLUSIVE lock: reads and writes wait until the scan ends",
             "ADD CONSTRAINT ... CHECK (" + op.column + " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later "
                 "transaction, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check");
  }

  void operator()(const ops::CreateIndex& op) {
    if (new_tables_.contains(op.table) || written_online(op, online_)) return;
    report("index-not-concurrent",
           std::string("CREATE ") + (op.index.unique ? "UNIQUE " : "") + "INDEX takes a SHARE lock on " +
               shown_table(op.table) + ": writes to it wait until the build ends",
           "CREATE INDEX CONCURRENTLY, outside a transaction (a revision with transactional: false)");
  }

  void operator()(const ops::DropIndex& op) {
    if (new_tables_.contains(op.table) || written_online(op, online_)) return;
    report("drop-index-not-concurrent",
           "DROP INDEX takes an ACCESS EXCLUSIVE lock on " + shown_table(op.table) +
               ": reads and writes wait, and queue behind any long query on it",
           "DROP INDEX CONCURRENTLY, outside a transaction (a revision with transactional: false)");
  }

  void operator()(const ops::AddPrimaryKey& op) { unique_constraint(op, "PRIMARY KEY"); }
  void operator()(const ops::AddUnique& op) { unique_constraint(op, "UNIQUE"); }

  void operator()(const ops::AddForeignKey& op) {
    if (new_tables_.contains(op.table) || written_online(op, online_)) return;
    report("constraint-not-not-valid",
           "ADD FOREIGN KEY takes a SHARE ROW EXCLUSIVE lock on " + shown_table(op.table) + " and on " +
               op.constraint.referred_table + " and checks every row: writes to both wait until it ends",
           "ADD CONSTRAINT ... NOT VALID (a brief lock), then VALIDATE CONSTRAINT in its own transaction (SHARE "
           "UPDATE EXCLUSIVE: writes go on)");
  }

  void operator()(const ops::AddCheck& op) {
    if (new_tables_.contains(op.table) || written_online(op, online_)) return;
    report("constraint-not-not-valid",
           "ADD CHECK takes an ACCESS EXCLUSIVE lock on " + shown_table(op.table) +
               " and checks every row: reads and writes wait until it ends",
           "ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE CONSTRAINT in its own transaction (SHARE UPDATE "
           "EXCLUSIVE: reads and writes go on)");
  }

  void operator()(const ops::AlterEnum& op) {
    std::vector<std::string> removed;
    for (const auto& value : op.existing_values)
      if (std::find(op.type.values.begin(), op.type.values.end(), value) == op.type.values.end())
        removed.push_back(value);
    if (removed.empty()) return;
    std::string list;
    for (const auto& value : removed) list += (list.empty() ? "" : ", ") + value;
    report("enum-value-removed",
           "values " + list + " leave enum " + op.type.name +
               ": the type is built again and every column of it converted under ACCESS EXCLUSIVE, and a row "
               "holding a removed value makes the upgrade fail",
           "update the rows holding those values first, and remove the values in a later revision");
  }

  // Steps that take at most a brief lock, or touch no table: nothing to report.
  template <class Harmless>
  void operator()(const Harmless&) {}

 private:
  void report(std::string_view rule, std::string why, std::string safe_form) {
    findings_.push_back(make_finding(rule, where_, statement_, std::move(why), std::move(safe_form)));
  }

  template <class Constraint>
  void unique_constraint(const ops::AddConstraint<Constraint>& op, const std::string& kind) {
    if (new_tables_.contains(op.table) || written_online(op, online_)) return;
    report("unique-not-using-index",
           "ADD " + kind + " builds its index under an ACCESS EXCLUSIVE lock on " + shown_table(op.table) +
               ": reads and writes wait until the build ends",
           "CREATE UNIQUE INDEX CONCURRENTLY first (outside a transaction), then ADD CONSTRAINT ... " + kind +
               " USING INDEX (a brief lock)");
  }

  // A type change on a table with rows: data loss when the new type holds less, a rewrite unless
  // the types are binary-compatible. A narrowing that rewrites is both, reported as both: ignoring
  // one concern should not hide the other. An alter_column without existing_type reads as text
  // before (what the op reader assumes).
  void check_type_change(const ops::AlterColumn& op) {
    const auto& from = op.existing.type;
    const auto& to = *op.type;
    const std::string change = schema::to_string(from) + " -> " + schema::to_string(to);
    if (diff::detail::classify_type_change(from, to) == diff::detail::TypeChange::narrowing)
      report("type-narrowing",
             op.column + " " + change + " holds less than before: longer or larger values fail the upgrade or are cut",
             "check the data fits first (or keep the wider type); narrow in a revision of its own");
    if (type_change_rewrites_table(from, to) && !written_online(op, online_))
      report("table-rewrite",
             "ALTER COLUMN " + op.column + " TYPE (" + change + ") rewrites " + shown_table(op.table) +
                 " and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait until it ends",
             "expand and contract: add a new column of the new type, write both, backfill in batches, switch the "
             "reads, then drop the old column");
  }

  NewTables& new_tables_;
  const Location& where_;
  const std::string& statement_;
  bool online_;  // the project runs online (written_online)
  std::vector<Finding> findings_;
};

}  // namespace

std::string shown_table(const ops::TableName& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

std::vector<Finding> op_findings(const ops::Op& op, NewTables& new_tables, const Location& where,
                                 const std::string& statement, bool online) {
  StepRules rules(new_tables, where, statement, online);
  std::visit(rules, op);
  return rules.take();
}

}  // namespace dbmig::lint
