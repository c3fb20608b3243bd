#pragma once
// The revision graph: revisions by id, heads, and the walk from one set of revisions to a target.
// Knows nothing of databases.
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "revision/revision.hpp"

namespace dbmig::revision {

class Graph {
 public:
  // Reads every *.yaml of `versions_dir`. Throws dbmig::Error (usage) naming the files for:
  // a file that does not parse, two files with the same id, a missing down_revision, a cycle.
  static Graph load(const std::filesystem::path& versions_dir, const schema::NamingConvention& naming);
  static Graph from_revisions(std::vector<Revision> revisions);

  const Revision& get(std::string_view id) const;  // exact id; throws if unknown
  bool contains(std::string_view id) const;
  // A full id, a branch label, or a unique id prefix (in that order of precedence); throws
  // dbmig::Error (usage) for none or several matches.
  const Revision& resolve(std::string_view id_or_prefix) const;

  std::vector<std::string> heads() const;  // revisions nothing builds on, sorted
  std::vector<std::string> bases() const;  // roots
  bool empty() const { return revisions_.empty(); }
  std::size_t size() const { return revisions_.size(); }

  // Every revision, newest first (a topological order: children before parents).
  std::vector<const Revision*> newest_first() const;

  // Revisions to apply to go from `current` (the version table's heads) up to `target`,
  // in application order (parents first). Target forms: head (the only head; several are an
  // error), heads, <id/prefix/branch label>, label@head, +N (N revisions up the line above the
  // current one, or above the root for an empty database), <id>+N. A merge revision comes after
  // all its parents, and the plan includes whatever ancestors the target needs. Empty when the
  // target is already applied.
  // `current` must name known revisions: callers report an unknown one first ("the database is at
  // revision X, which no file has"); the plans throw the same usage error as a last resort.
  std::vector<const Revision*> upgrade_plan(const std::vector<std::string>& current, std::string_view target) const;
  // Revisions to revert to go from `current` down to `target`, in reverting order (children
  // first). Target forms: base, <id/prefix> (revert what is applied above it, other branches
  // stay), -N (one revision at a time from the current head; an error where the way down forks),
  // <id>-N (the N-th revision below <id>; past the root is base).
  std::vector<const Revision*> downgrade_plan(const std::vector<std::string>& current, std::string_view target) const;

  // The heads after applying (or reverting) one revision on top of `current`.
  static std::vector<std::string> heads_after_upgrade(std::vector<std::string> current, const Revision& applied);
  std::vector<std::string> heads_after_downgrade(std::vector<std::string> current, const Revision& reverted) const;

 private:
  friend class Walk;  // walk.cpp: the plans' graph walks
  [[noreturn]] void throw_cycle() const;

  std::vector<Revision> revisions_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::vector<std::string>> children_;
};

}  // namespace dbmig::revision
