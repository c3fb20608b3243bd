#include "cli/revision_format.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace dbmig::cli {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

std::string markers(RevisionMarks marks, const Style& style) {
  std::string text;
  if (marks.head) text += " " + style.head("(head)");
  if (marks.current) text += " " + style.current("(current)");
  return text;
}

}  // namespace

RevisionMarks marks_of(const revision::Revision& revision, const std::vector<std::string>& heads,
                       const std::vector<std::string>& current) {
  return RevisionMarks{contains(heads, revision.id), contains(current, revision.id)};
}

std::string revision_line(const revision::Revision& revision, RevisionMarks marks, const Style& style) {
  std::string line = revision.down_revisions.empty() ? "<base>" : util::join(revision.down_revisions, ", ");
  line += " -> " + style.id(revision.id) + markers(marks, style);
  if (!revision.branch_labels.empty()) line += " (" + util::join(revision.branch_labels, ", ") + ")";
  return line + ", " + revision.message;
}

std::string revision_block(const revision::Revision& revision, RevisionMarks marks, const revision::Graph& graph,
                           const Style& style) {
  std::string block = "Rev: " + style.id(revision.id) + markers(marks, style) + "\n";
  if (revision.down_revisions.size() > 1)
    block += "Merges: " + util::join(revision.down_revisions, ", ") + "\n";
  else
    block += "Parent: " + (revision.down_revisions.empty() ? std::string("<base>") : revision.down_revisions.front()) + "\n";
  if (const auto children = graph.children(revision.id); children.size() > 1)
    block += "Branches into: " + util::join(children, ", ") + "\n";
  if (!revision.branch_labels.empty()) block += "Branch labels: " + util::join(revision.branch_labels, ", ") + "\n";
  if (!revision.path.empty()) block += "Path: " + revision.path.string() + "\n";
  if (!revision.created_at.empty()) block += "Created: " + revision.created_at + "\n";
  if (!revision.transactional) block += "Transactional: false\n";
  return block + "\n    " + revision.message + "\n";
}

util::Json::Object revision_json(const revision::Revision& revision, RevisionMarks marks) {
  return util::Json::Object{{"revision", revision.id},
                            {"down_revisions", util::Json::array_of(revision.down_revisions)},
                            {"branch_labels", util::Json::array_of(revision.branch_labels)},
                            {"message", revision.message},
                            {"created_at", revision.created_at},
                            {"file", revision.path.string()},
                            {"head", marks.head},
                            {"current", marks.current}};
}

}  // namespace dbmig::cli
