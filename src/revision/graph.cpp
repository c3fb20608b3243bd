// Checking the revision graph and looking revisions up. Reading the files is in graph_files.cpp;
// the walks from one set of revisions to a target are in walk.cpp.
#include "revision/graph.hpp"

#include <algorithm>
#include <deque>
#include <unordered_set>

#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::revision {

namespace {

std::string file_of(const Revision& revision) {
  return revision.path.empty() ? "revision " + revision.id : revision.path.string();
}

Location location_of(const Revision& revision) { return Location{revision.path.string(), 0, 0}; }

}  // namespace

Graph Graph::from_revisions(std::vector<Revision> revisions) {
  Graph graph;
  graph.revisions_ = std::move(revisions);
  graph.steps_loaded_.assign(graph.revisions_.size(), true);
  graph.by_id_.reserve(graph.revisions_.size());
  for (std::size_t i = 0; i < graph.revisions_.size(); ++i) {
    const Revision& revision = graph.revisions_[i];
    const auto [existing, added] = graph.by_id_.emplace(revision.id, i);
    if (!added)
      throw usage_error("two revision files have the id " + revision.id + ": " +
                            file_of(graph.revisions_[existing->second]) + " and " + file_of(revision),
                        location_of(revision), "give one of them a new 'revision' id (and fix what builds on it)");
  }

  std::unordered_map<std::string, const Revision*> labels;
  for (const Revision& revision : graph.revisions_) {
    for (const auto& parent : revision.down_revisions) {
      if (std::count(revision.down_revisions.begin(), revision.down_revisions.end(), parent) > 1)
        throw usage_error("revision " + revision.id + " names " + parent + " twice in down_revision",
                          location_of(revision));
      if (!graph.by_id_.contains(parent))
        throw usage_error("revision " + revision.id + " names down_revision " + parent + ", which no file has",
                          location_of(revision), "restore the missing revision file, or fix its 'down_revision'");
      graph.children_[parent].push_back(revision.id);
    }
    for (const auto& label : revision.branch_labels) {
      // A lookup tries ids before labels: such a label could never be reached.
      if (const auto same = graph.by_id_.find(label); same != graph.by_id_.end())
        throw usage_error("the branch label '" + label + "' of " + file_of(revision) + " is the id of " +
                              (&graph.revisions_[same->second] == &revision ? std::string("the revision itself")
                                                                            : file_of(graph.revisions_[same->second])),
                          location_of(revision), "rename the label: a target names the revision with that id first");
      if (const auto [other, added] = labels.emplace(label, &revision); !added)
        throw usage_error("the branch label '" + label + "' is on two revisions: " + file_of(*other->second) +
                              " and " + file_of(revision),
                          location_of(revision), "a branch label names one branch: remove one of them");
    }
  }

  if (graph.newest_first().size() != graph.revisions_.size()) graph.throw_cycle();
  return graph;
}

void Graph::throw_cycle() const {
  // Revisions on or above a cycle are those the topological order could not place; from any of
  // them, following unplaced parents must come back to a revision already seen.
  std::unordered_set<std::string_view> placed;
  for (const Revision* revision : newest_first()) placed.insert(revision->id);
  const Revision* at = nullptr;
  for (const auto& revision : revisions_)
    if (!placed.contains(revision.id)) at = &revision;
  std::vector<std::string> path;
  std::unordered_map<std::string_view, std::size_t> seen;
  while (!seen.contains(at->id)) {
    seen.emplace(at->id, path.size());
    path.push_back(at->id);
    const auto parent = std::find_if(at->down_revisions.begin(), at->down_revisions.end(),
                                     [&](const std::string& id) { return !placed.contains(id); });
    at = &get(*parent);
  }
  std::vector<std::string> cycle(path.begin() + static_cast<std::ptrdiff_t>(seen.at(at->id)), path.end());
  cycle.push_back(at->id);
  throw usage_error("the revisions form a cycle through down_revision: " + util::join(cycle, " -> "),
                    location_of(*at), "a revision's down_revision must name an older revision");
}

const Revision& Graph::get(std::string_view id) const {
  const auto found = by_id_.find(std::string(id));
  if (found == by_id_.end()) throw usage_error("no revision " + std::string(id));
  return revisions_[found->second];
}

bool Graph::contains(std::string_view id) const { return by_id_.contains(std::string(id)); }

const Revision& Graph::resolve(std::string_view id_or_prefix) const {
  if (id_or_prefix.empty()) throw usage_error("an empty revision id");
  if (contains(id_or_prefix)) return get(id_or_prefix);
  for (const auto& revision : revisions_)
    if (std::find(revision.branch_labels.begin(), revision.branch_labels.end(), id_or_prefix) !=
        revision.branch_labels.end())
      return revision;

  std::vector<std::string> matches;
  for (const auto& revision : revisions_)
    if (revision.id.starts_with(id_or_prefix)) matches.push_back(revision.id);
  if (matches.size() == 1) return get(matches.front());
  if (matches.empty())
    throw usage_error("no revision matches '" + std::string(id_or_prefix) + "'", std::nullopt,
                      "`dbmig history` lists the revisions");
  std::sort(matches.begin(), matches.end());
  throw usage_error("'" + std::string(id_or_prefix) + "' matches several revisions: " + util::join(matches, ", "),
                    std::nullopt, "give more digits of the one you mean");
}

std::vector<std::string> Graph::heads() const {
  std::vector<std::string> heads;
  for (const auto& revision : revisions_)
    if (!children_.contains(revision.id)) heads.push_back(revision.id);
  std::sort(heads.begin(), heads.end());
  return heads;
}

std::vector<std::string> Graph::children(std::string_view id) const {
  const auto found = children_.find(std::string(id));
  if (found == children_.end()) return {};
  auto children = found->second;
  std::sort(children.begin(), children.end());
  return children;
}

std::vector<const Revision*> Graph::branch_points() const {
  std::vector<const Revision*> points;
  for (const Revision* revision : newest_first())
    if (const auto found = children_.find(revision->id); found != children_.end() && found->second.size() > 1)
      points.push_back(revision);
  return points;
}

std::vector<std::string> Graph::bases() const {
  std::vector<std::string> bases;
  for (const auto& revision : revisions_)
    if (revision.down_revisions.empty()) bases.push_back(revision.id);
  std::sort(bases.begin(), bases.end());
  return bases;
}

std::vector<const Revision*> Graph::newest_first() const {
  // Kahn's algorithm from the roots: a revision is placed once all its parents are. Revisions on
  // a cycle never are, which is how from_revisions finds cycles.
  std::vector<std::size_t> waiting_for(revisions_.size());
  std::deque<std::size_t> ready;
  for (std::size_t i = 0; i < revisions_.size(); ++i) {
    waiting_for[i] = revisions_[i].down_revisions.size();  // distinct: from_revisions checks
    if (waiting_for[i] == 0) ready.push_back(i);
  }
  std::vector<const Revision*> oldest_first;
  oldest_first.reserve(revisions_.size());
  while (!ready.empty()) {
    const Revision& revision = revisions_[ready.front()];
    ready.pop_front();
    oldest_first.push_back(&revision);
    const auto children = children_.find(revision.id);
    if (children == children_.end()) continue;
    for (const auto& child : children->second) {
      const std::size_t index = by_id_.at(child);
      if (--waiting_for[index] == 0) ready.push_back(index);
    }
  }
  return {oldest_first.rbegin(), oldest_first.rend()};
}

}  // namespace dbmig::revision
