// Plans: which revisions to apply or revert, in which order, to reach a target. Every walk is
// linear in the number of revisions (index vectors and hash lookups, no repeated searches), so a
// chain of thousands of revisions plans instantly.
#include <algorithm>
#include <charconv>
#include <optional>

#include "revision/graph.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace dbmig::revision {

namespace {

// "+3", "-1", "ae10+2": a revision (empty: the current one) and a number of steps.
struct Relative {
  std::string_view from;
  char direction;
  int steps;
};

std::optional<Relative> parse_relative(std::string_view target) {
  const auto sign = target.find_last_of("+-");
  if (sign == std::string_view::npos || sign + 1 == target.size()) return std::nullopt;
  int steps = 0;
  const std::string_view digits = target.substr(sign + 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), steps);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return Relative{target.substr(0, sign), target[sign], steps};
}

std::string listed(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return util::join(ids, ", ");
}

}  // namespace

// The graph as indexes, for the walks.
class Walk {
 public:
  explicit Walk(const Graph& graph) : graph_(graph) {}

  std::size_t size() const { return graph_.revisions_.size(); }
  const Revision& at(std::size_t index) const { return graph_.revisions_[index]; }
  std::size_t index_of(const std::string& id) const { return graph_.by_id_.at(id); }

  // The version table's revisions as indexes; an id no file has cannot be planned from.
  std::vector<std::size_t> current_of(const std::vector<std::string>& current) const {
    std::vector<std::size_t> indexes;
    for (const auto& id : current) {
      if (!graph_.contains(id))
        throw usage_error("the database is at revision " + id + ", which no file in migrations/versions has",
                          std::nullopt, "restore the revision file, or `dbmig stamp` a revision that exists");
      indexes.push_back(index_of(id));
    }
    return indexes;
  }

  std::vector<std::size_t> parents(std::size_t index) const {
    std::vector<std::size_t> parents;
    for (const auto& id : at(index).down_revisions) parents.push_back(index_of(id));
    return parents;
  }

  std::vector<std::size_t> children(std::size_t index) const {
    std::vector<std::size_t> children;
    if (const auto found = graph_.children_.find(at(index).id); found != graph_.children_.end())
      for (const auto& id : found->second) children.push_back(index_of(id));
    return children;
  }

  std::vector<std::size_t> bases() const {
    std::vector<std::size_t> bases;
    for (std::size_t i = 0; i < size(); ++i)
      if (at(i).down_revisions.empty()) bases.push_back(i);
    return bases;
  }

  std::vector<bool> ancestors_or_self(const std::vector<std::size_t>& from) const {
    std::vector<bool> reached(size(), false);
    std::vector<std::size_t> pending;
    for (const std::size_t index : from) visit(index, reached, pending);
    while (!pending.empty()) {
      const std::size_t index = pending.back();
      pending.pop_back();
      for (const auto& id : at(index).down_revisions) visit(index_of(id), reached, pending);
    }
    return reached;
  }

  // Revisions strictly above `from`, among `within`.
  std::vector<bool> descendants(std::size_t from, const std::vector<bool>& within) const {
    std::vector<bool> reached(size(), false);
    std::vector<std::size_t> pending{from};
    while (!pending.empty()) {
      const std::size_t index = pending.back();
      pending.pop_back();
      for (const std::size_t child : children(index))
        if (within[child]) visit(child, reached, pending);
    }
    return reached;
  }

  // The selected revisions, each after all its selected parents. Depth-first over parents from
  // each selected revision in file order, written out when all its parents are (post-order).
  std::vector<const Revision*> parents_first(const std::vector<bool>& selected) const {
    std::vector<const Revision*> order;
    std::vector<bool> done(size(), false);
    std::vector<std::pair<std::size_t, std::size_t>> stack;  // revision, next parent to look at
    for (std::size_t root = 0; root < size(); ++root) {
      if (!selected[root] || done[root]) continue;
      done[root] = true;
      stack.emplace_back(root, 0);
      while (!stack.empty()) {
        auto& [index, next] = stack.back();
        const auto& parent_ids = at(index).down_revisions;
        if (next == parent_ids.size()) {
          order.push_back(&at(index));
          stack.pop_back();
          continue;
        }
        const std::size_t parent = index_of(parent_ids[next++]);
        if (selected[parent] && !done[parent]) {
          done[parent] = true;
          stack.emplace_back(parent, 0);  // invalidates index/next: not used again this round
        }
      }
    }
    return order;
  }

  std::vector<const Revision*> children_first(const std::vector<bool>& selected) const {
    auto order = parents_first(selected);
    std::reverse(order.begin(), order.end());
    return order;
  }

  // N revisions up the line from `from` (from the root when nullopt); each step must have one way.
  std::optional<std::size_t> steps_up(std::optional<std::size_t> from, int steps, std::string_view target) const {
    for (int step = 1; step <= steps; ++step) {
      const auto next = from ? children(*from) : bases();
      const std::string place = from ? "revision " + at(*from).id : "base";
      if (next.empty())
        throw usage_error("'" + std::string(target) + "' goes past the last revision: " + place + " has none above it");
      if (next.size() > 1)
        throw usage_error("'" + std::string(target) + "' is ambiguous: the way up from " + place + " forks (" +
                              listed(ids_of(next)) + ")",
                          std::nullopt, "name the revision to upgrade to");
      from = next.front();
    }
    return from;
  }

  // The N-th revision below `from`; nullopt for base (one step below a root).
  std::optional<std::size_t> steps_down(std::size_t from, int steps, std::string_view target) const {
    // A plain index rather than an optional walked in the loop: GCC 12 -O2 reports a false
    // "may be used uninitialized" on the optional form.
    std::size_t position = from;
    for (int step = 1; step <= steps; ++step) {
      const auto& parent_ids = at(position).down_revisions;
      if (parent_ids.size() > 1)
        throw usage_error("'" + std::string(target) + "' is ambiguous: revision " + at(position).id +
                              " is a merge of " + listed(parent_ids),
                          std::nullopt, "name the revision to downgrade to");
      if (parent_ids.empty()) {
        if (step == steps) return std::nullopt;  // one step below a root is base
        throw usage_error("'" + std::string(target) + "' goes below base", std::nullopt,
                          "use 'base' to revert everything");
      }
      position = index_of(parent_ids.front());
    }
    return position;
  }

  std::vector<std::string> ids_of(const std::vector<std::size_t>& indexes) const {
    std::vector<std::string> ids;
    for (const std::size_t index : indexes) ids.push_back(at(index).id);
    return ids;
  }

  // head, heads, label@head, or a full id, branch label or unique prefix.
  std::vector<std::size_t> named(std::string_view name) const {
    if (name == "heads") return heads();
    if (name == "head") {
      const auto heads_now = heads();
      if (heads_now.size() > 1)
        throw usage_error("'head' is ambiguous: the revisions have several heads (" + listed(ids_of(heads_now)) + ")",
                          std::nullopt,
                          "upgrade to 'heads' for all of them, name one, or join them with `dbmig merge`");
      return heads_now;
    }
    if (graph_.contains(name)) return {index_of(std::string(name))};
    if (name.ends_with("@head")) return {branch_head(name.substr(0, name.size() - 5))};
    return {index_of(graph_.resolve(name).id)};
  }

  std::vector<std::size_t> upgrade_targets(const std::vector<std::size_t>& current, std::string_view target) const {
    if (target == "heads" || target == "head" || graph_.contains(target)) return named(target);
    const auto relative = parse_relative(target);
    if (target == "base" || (relative && relative->direction == '-'))
      throw usage_error("'" + std::string(target) + "' is a downgrade target", std::nullopt,
                        "use `dbmig downgrade " + std::string(target) + "`");
    if (target.ends_with("@head")) return named(target);
    if (relative && relative->direction == '+') {
      std::optional<std::size_t> from;
      if (!relative->from.empty()) from = index_of(graph_.resolve(relative->from).id);
      else from = single_current(current, target);
      const auto reached = steps_up(from, relative->steps, target);
      return reached ? std::vector<std::size_t>{*reached} : std::vector<std::size_t>{};
    }
    return named(target);
  }

  std::vector<std::size_t> heads() const {
    std::vector<std::size_t> heads;
    for (std::size_t i = 0; i < size(); ++i)
      if (!graph_.children_.contains(at(i).id)) heads.push_back(i);
    return heads;
  }

 private:
  static void visit(std::size_t index, std::vector<bool>& reached, std::vector<std::size_t>& pending) {
    if (reached[index]) return;
    reached[index] = true;
    pending.push_back(index);
  }

  std::optional<std::size_t> single_current(const std::vector<std::size_t>& current, std::string_view target) const {
    if (current.size() > 1)
      throw usage_error("'" + std::string(target) + "' is ambiguous: the database is at several heads (" +
                            listed(ids_of(current)) + ")",
                        std::nullopt, "name the revision to upgrade to");
    return current.empty() ? std::nullopt : std::optional(current.front());
  }

  // The one head above a branch label or revision (`label@head`).
  std::size_t branch_head(std::string_view branch) const {
    const std::size_t from = index_of(graph_.resolve(branch).id);
    std::vector<bool> everything(size(), true);
    auto above = descendants(from, everything);
    above[from] = true;
    std::vector<std::size_t> found;
    for (const std::size_t head : heads())
      if (above[head]) found.push_back(head);
    if (found.size() != 1)
      throw usage_error("'" + std::string(branch) + "@head' is ambiguous: the branch has several heads (" +
                            listed(ids_of(found)) + ")",
                        std::nullopt, "name the head to upgrade to");
    return found.front();
  }

  const Graph& graph_;
};

std::vector<const Revision*> Graph::upgrade_plan(const std::vector<std::string>& current,
                                                 std::string_view target) const {
  const Walk walk(*this);
  const auto at = walk.current_of(current);
  auto wanted = walk.ancestors_or_self(walk.upgrade_targets(at, target));
  const auto applied = walk.ancestors_or_self(at);
  for (std::size_t i = 0; i < wanted.size(); ++i) wanted[i] = wanted[i] && !applied[i];
  return walk.parents_first(wanted);
}

std::vector<const Revision*> Graph::downgrade_plan(const std::vector<std::string>& current,
                                                   std::string_view target) const {
  const Walk walk(*this);
  const auto applied = walk.ancestors_or_self(walk.current_of(current));
  if (target == "base") return walk.children_first(applied);
  if (target == "head" || target == "heads" || target.starts_with('+') || target.ends_with("@head"))
    throw usage_error("'" + std::string(target) + "' is an upgrade target", std::nullopt,
                      "use `dbmig upgrade " + std::string(target) + "`");

  std::optional<std::size_t> destination;  // nullopt: base
  const auto relative = contains(target) ? std::nullopt : parse_relative(target);
  if (relative && relative->direction == '-' && relative->from.empty()) {
    // -N: one revision at a time from the current head.
    std::vector<const Revision*> plan;
    std::vector<std::string> heads_now = current;
    for (int step = 0; step < relative->steps; ++step) {
      if (heads_now.empty())
        throw usage_error("'" + std::string(target) + "' goes below base: only " + std::to_string(step) +
                              " revision(s) are applied",
                          std::nullopt, "use 'base' to revert everything");
      if (heads_now.size() > 1)
        throw usage_error("'" + std::string(target) + "' is ambiguous: the database is at several heads (" +
                              listed(heads_now) + ")",
                          std::nullopt, "name the revision to downgrade to");
      const Revision& reverted = get(heads_now.front());
      plan.push_back(&reverted);
      heads_now = heads_after_downgrade(std::move(heads_now), reverted);
    }
    return plan;
  }
  if (relative && relative->direction == '-')
    destination = walk.steps_down(walk.index_of(resolve(relative->from).id), relative->steps, target);
  else
    destination = walk.index_of(resolve(target).id);

  if (!destination) return walk.children_first(applied);
  if (!applied[*destination])
    throw usage_error("cannot downgrade to " + walk.at(*destination).id + ": it is not applied", std::nullopt,
                      "`dbmig current` shows where the database is");
  return walk.children_first(walk.descendants(*destination, applied));
}

std::vector<std::string> Graph::heads_after_upgrade(std::vector<std::string> current, const Revision& applied) {
  std::erase_if(current, [&](const std::string& id) {
    return std::find(applied.down_revisions.begin(), applied.down_revisions.end(), id) != applied.down_revisions.end();
  });
  if (std::find(current.begin(), current.end(), applied.id) == current.end()) current.push_back(applied.id);
  std::sort(current.begin(), current.end());
  return current;
}

std::vector<std::string> Graph::heads_after_downgrade(std::vector<std::string> current,
                                                      const Revision& reverted) const {
  std::erase(current, reverted.id);
  if (current.empty()) {
    current = reverted.down_revisions;  // the common case, and constant time for a long chain
  } else {
    // A parent becomes a head again unless a remaining head builds on it (a branch point).
    const Walk walk(*this);
    const auto covered = walk.ancestors_or_self(walk.current_of(current));
    for (const auto& parent : reverted.down_revisions)
      if (!covered[walk.index_of(parent)]) current.push_back(parent);
  }
  std::sort(current.begin(), current.end());
  return current;
}

std::vector<std::string> Graph::resolve_names(std::string_view name) const {
  const Walk walk(*this);
  auto ids = walk.ids_of(walk.named(name));
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<const Revision*> Graph::applied(const std::vector<std::string>& heads) const {
  const Walk walk(*this);
  return walk.parents_first(walk.ancestors_or_self(walk.current_of(heads)));
}

bool Graph::is_ancestor(std::string_view ancestor, std::string_view revision) const {
  if (ancestor == revision) return false;
  const Walk walk(*this);
  return walk.ancestors_or_self({walk.index_of(get(revision).id)})[walk.index_of(get(ancestor).id)];
}

std::vector<const Revision*> Graph::between(const std::vector<std::string>& lower,
                                            const std::vector<std::string>& upper) const {
  const Walk walk(*this);
  const auto indexes = [&](const std::vector<std::string>& ids) {
    std::vector<std::size_t> found;
    for (const auto& id : ids) found.push_back(walk.index_of(get(id).id));
    return found;
  };
  const auto below_upper = walk.ancestors_or_self(upper.empty() ? walk.heads() : indexes(upper));
  std::vector<bool> above_lower(size(), lower.empty());
  for (const std::size_t from : indexes(lower)) {
    const auto above = walk.descendants(from, std::vector<bool>(size(), true));
    for (std::size_t i = 0; i < size(); ++i) above_lower[i] = above_lower[i] || above[i];
    above_lower[from] = true;
  }
  std::vector<const Revision*> selected;
  for (const Revision* revision : newest_first()) {
    const std::size_t index = walk.index_of(revision->id);
    if (below_upper[index] && above_lower[index]) selected.push_back(revision);
  }
  return selected;
}

}  // namespace dbmig::revision
