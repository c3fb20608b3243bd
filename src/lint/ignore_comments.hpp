#pragma once
// `# dbmig-lint: ignore RULE reason...` comments in a revision file. Written at the end of a
// step's first line, or alone on the line just above the step, such a comment silences RULE (or
// each of RULE,RULE2) for that step. The reason is required: whoever reads the revision later must
// see why the lock or the data loss was accepted.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/finding.hpp"

namespace dbmig::lint {

struct IgnoreComment {
  std::vector<std::string> rules;
  std::string reason;  // empty when none was given
  Location where;      // of the comment's '#'
};

// Where the YAML comment of one line of a revision file starts: the first '#' outside quotes at
// the line's start or after a blank; npos for none.
std::size_t comment_start(std::string_view line);

// The ignore comment in one line of text, if any. `where` gives the file and line; its column is
// filled in.
std::optional<IgnoreComment> parse_ignore_comment(std::string_view line, Location where);

// The file's lines, split once for all steps of a file.
std::vector<std::string_view> lines_of(std::string_view text);

// The ignore comments that apply to the step whose first line is `step_line` (1-based): on that
// line, or on the line above when that line holds nothing but the comment.
std::vector<IgnoreComment> ignores_for_step(const std::vector<std::string_view>& lines, const Location& step);

// `findings` of one step without those its ignore comments silence, plus a warning for each ignore
// comment without a reason or naming no known rule.
std::vector<Finding> apply_ignores(std::vector<Finding> findings, const std::vector<IgnoreComment>& ignores);

}  // namespace dbmig::lint
