#pragma once
// How history, heads, branches, show and merge present a revision: Alembic's familiar line
// ("1a2b -> 3f2a (head) (current), add posts"), a verbose block, and one JSON object with the
// fields docs/json-output.md documents.
#include <string>
#include <vector>

#include "cli/style.hpp"
#include "revision/graph.hpp"
#include "util/json.hpp"

namespace dbmig::cli {

struct RevisionMarks {
  bool head = false;
  bool current = false;
};

// The marks of `revision` among the graph's heads and the database's current heads.
RevisionMarks marks_of(const revision::Revision& revision, const std::vector<std::string>& heads,
                       const std::vector<std::string>& current);

// "<parents or <base>> -> <id> (head) (current), <message>"
std::string revision_line(const revision::Revision& revision, RevisionMarks marks, const Style& style);

// Several lines: id and marks, parents (or merges), children where it branches, branch labels,
// file, creation time, then the message indented.
std::string revision_block(const revision::Revision& revision, RevisionMarks marks, const revision::Graph& graph,
                           const Style& style);

// {"revision", "down_revisions", "branch_labels", "message", "created_at", "file", "head", "current"}
util::Json::Object revision_json(const revision::Revision& revision, RevisionMarks marks);

}  // namespace dbmig::cli
