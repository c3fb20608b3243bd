#include "dialect/sqlite/revision_frame.hpp"

#include <algorithm>

#include "dialect/sqlite/needs_rebuild.hpp"
#include "dialect/sqlite/rebuild_groups.hpp"

namespace dbmig::dialect::sqlite {
namespace {

// Without the schema, rebuild_reason errs towards "in place" (a drop_column): such a step then
// renders with foreign keys on, the safe way, or finds them off and is covered by the full check.
bool rebuilds(const ops::Op& op) { return rebuild_reason(op, nullptr).has_value(); }

// Steps that leave every foreign key as it was, enforced or not: they add no row, remove no
// referenced row or column, and SQLite rewrites references to a renamed column.
bool cannot_break_a_key(const ops::Op& op) {
  return std::holds_alternative<ops::CreateTable>(op) || std::holds_alternative<ops::CreateIndex>(op) ||
         std::holds_alternative<ops::DropIndex>(op) || std::holds_alternative<ops::RenameColumn>(op) ||
         std::holds_alternative<ops::SetTableComment>(op) || std::holds_alternative<ops::RenameIndex>(op);
}

Statement sql(std::string text) { return Statement{std::move(text), {}}; }

// The session state of a frame that turned foreign keys off (RevisionFrame::session_state).
struct ForeignKeysOff {};

}  // namespace

RevisionFrame foreign_keys_off_frame() {
  RevisionFrame frame;
  frame.session_state = ForeignKeysOff{};
  frame.before_begin.push_back(sql("PRAGMA foreign_keys = OFF"));
  frame.after_end.push_back(sql("PRAGMA foreign_keys = ON"));
  return frame;
}

bool foreign_keys_off(const RenderContext& context) {
  return context.frame != nullptr && std::any_cast<ForeignKeysOff>(&context.frame->session_state) != nullptr;
}

RevisionFrame rebuild_frame(const std::vector<ops::Op>& steps) {
  if (std::none_of(steps.begin(), steps.end(), rebuilds)) return {};
  RevisionFrame frame = foreign_keys_off_frame();
  // A step carried out by a rebuild (the one that needs it, or one gathered into it: one rebuild
  // per table per revision) is checked by that rebuild: the table's own keys and those referring
  // to it, in its final shape.
  std::vector<bool> in_rebuild(steps.size(), false);
  for (const auto& group : group_rebuild_steps(steps))
    if (rebuilds(steps[group.front()]))
      for (const std::size_t index : group) in_rebuild[index] = true;
  bool checked_by_steps = true;
  for (std::size_t index = 0; index < steps.size(); ++index)
    checked_by_steps = checked_by_steps && (in_rebuild[index] || cannot_break_a_key(steps[index]));
  if (!checked_by_steps) {
    Statement check = sql(
        "SELECT 'row ' || coalesce(rowid, '?') || ' of \"' || \"table\" || '\" refers to a missing row of \"' || "
        "parent || '\"' FROM pragma_foreign_key_check LIMIT 1");
    check.fail_if_rows = "a foreign key is violated at the end of the revision (it ran with foreign keys off to "
                         "rebuild a table)";
    frame.before_commit.push_back(std::move(check));
  }
  return frame;
}

}  // namespace dbmig::dialect::sqlite
