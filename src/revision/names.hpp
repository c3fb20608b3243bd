#pragma once
// What a revision id and a branch label may be. Both are typed as targets on the command line
// (docs/targets-and-branches.md), where `head`, `heads` and `base` are words of their own and
// `+`, `-`, `@` and `:` are syntax (REV+N, REV-N, label@head, history -r A:B); an id is also
// part of a file name and a row of the version table. A name that breaks these rules would be
// misread as a target (a revision named `base` reverted everything) or fail half-way through a
// run (an id longer than the version column), so files holding one are refused when loaded.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dbmig::revision {

// The width of the version table's version_num column (VARCHAR(32) in every dialect): an id must
// fit, or recording the revision fails after its steps ran.
inline constexpr std::size_t max_revision_id_length = 32;

// What is wrong with `id` as a revision id ("is a reserved word: ...", "holds '-' ..."), or
// nullopt when it is fine: 1 to max_revision_id_length ASCII letters, digits and '_', and not
// head, heads or base (in any case).
std::optional<std::string> revision_id_problem(std::string_view id);
// How to write a revision id, for hints.
inline constexpr std::string_view revision_id_rule =
    "a revision id is 1 to 32 letters, digits and '_' (like 3f2a9c1d7b4e), and not head, heads or base";

// What is wrong with `label` as a branch label, or nullopt: letters, digits, '_' and '-' (not
// first), not head, heads or base, and not ending in -N (`label-2` would read as two revisions
// below `label`).
std::optional<std::string> branch_label_problem(std::string_view label);
inline constexpr std::string_view branch_label_rule =
    "a branch label is letters, digits, '_' and '-' (like billing or feature_x), not head, heads or base, and "
    "does not end in -<number>: labels are written as <label>@head and <label>-N";

}  // namespace dbmig::revision
