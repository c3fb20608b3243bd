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

class HeaderCache;

class Graph {
 public:
  // Reads the header of every *.yaml of `versions_dir` (header_scan.hpp; a file in a style the
  // scan does not read is parsed in full). Steps are parsed when first needed (with_steps), so a
  // command that only walks the graph reads no step of any file. Throws dbmig::Error (usage)
  // naming the files for: a header that does not parse, two files with the same id, a missing
  // down_revision, a cycle. Headers of files unchanged since an earlier load come from the header
  // cache (header_cache.hpp) instead, with the same result.
  static Graph load(const std::filesystem::path& versions_dir, const schema::NamingConvention& naming);
  // The same with the header cache given (nullptr: none), which it updates.
  static Graph load(const std::filesystem::path& versions_dir, const schema::NamingConvention& naming,
                    HeaderCache* cache);
  // A graph of complete revisions (steps included), as tests build them.
  static Graph from_revisions(std::vector<Revision> revisions);

  // The revision with its upgrade and downgrade steps, parsed from its file on first use (the
  // same object as get() returns, filled in). Throws dbmig::Error (usage) with file:line:column
  // for a file that does not parse.
  const Revision& with_steps(const Revision& revision) const;
  // with_steps() for each: a run loads every file it will apply before it applies any.
  void load_steps(const std::vector<const Revision*>& revisions) const;
  // The checksum of the revision's file as it is now (revision::checksum_of), read on first use;
  // the checksum given to from_revisions for revisions without a file.
  const std::string& checksum(const Revision& revision) const;

  const Revision& get(std::string_view id) const;  // exact id; throws if unknown
  bool contains(std::string_view id) const;
  // A full id, a branch label, or a unique id prefix (in that order of precedence); throws
  // dbmig::Error (usage) for none or several matches.
  const Revision& resolve(std::string_view id_or_prefix) const;

  std::vector<std::string> heads() const;  // revisions nothing builds on, sorted
  std::vector<std::string> bases() const;  // roots
  std::vector<std::string> children(std::string_view id) const;  // revisions built on `id`, sorted
  // Revisions that several others build on (where the graph forks), newest first.
  std::vector<const Revision*> branch_points() const;
  // The revisions a name stands for: `head` (the only head; several are an error), `heads`,
  // `label@head`, or a full id, branch label or unique prefix. Sorted.
  std::vector<std::string> resolve_names(std::string_view name) const;
  bool empty() const { return revisions_.empty(); }
  std::size_t size() const { return revisions_.size(); }

  // Every revision, newest first (a topological order: children before parents).
  std::vector<const Revision*> newest_first() const;
  // The revisions a database at `heads` has applied: `heads` and all their ancestors, parents
  // first.
  std::vector<const Revision*> applied(const std::vector<std::string>& heads) const;
  // Whether `ancestor` is below `revision` (reachable through down_revision links).
  bool is_ancestor(std::string_view ancestor, std::string_view revision) const;
  // For `history -r A:B`: the revisions that are `lower` or above it and `upper` or below it,
  // newest first. Empty `lower` means from the roots, empty `upper` up to the heads.
  std::vector<const Revision*> between(const std::vector<std::string>& lower,
                                       const std::vector<std::string>& upper) const;

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

  // Steps and checksums are filled in on first use (with_steps, checksum): a cache behind a
  // const interface. Elements never move once loaded, so pointers to them stay valid.
  mutable std::vector<Revision> revisions_;
  mutable std::vector<bool> steps_loaded_;
  schema::NamingConvention naming_;  // for the steps read later
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::vector<std::string>> children_;
};

}  // namespace dbmig::revision
