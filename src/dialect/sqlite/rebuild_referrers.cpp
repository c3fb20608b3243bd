#include "dialect/sqlite/rebuild_referrers.hpp"

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "dialect/common/sql_tokens.hpp"

namespace dbmig::dialect::sqlite {
namespace {

std::string key_of(std::string_view name) { return to_lower_ascii(name); }

// The names (keys) of the tables `table` refers to, itself left out.
std::unordered_set<std::string> parents_of(const schema::Table& table) {
  std::unordered_set<std::string> parents;
  for (const schema::ForeignKey& foreign_key : table.foreign_keys) parents.insert(key_of(foreign_key.referred_table));
  parents.erase(key_of(table.name));
  return parents;
}

// Breadth-first from `target` over "is referred to by": every table that reaches it.
std::vector<const schema::Table*> find_referrers(const schema::Schema& schema, const schema::Table& target) {
  std::unordered_map<std::string, std::vector<const schema::Table*>> referrers_of;
  for (const schema::Table& table : schema.tables) {
    for (const std::string& parent : parents_of(table)) referrers_of[parent].push_back(&table);
  }
  std::vector<const schema::Table*> found;
  std::unordered_set<std::string> seen{key_of(target.name)};
  std::deque<std::string> pending{key_of(target.name)};
  while (!pending.empty()) {
    const auto referrers = referrers_of.find(pending.front());
    pending.pop_front();
    if (referrers == referrers_of.end()) continue;
    for (const schema::Table* table : referrers->second) {
      if (!seen.insert(key_of(table->name)).second) continue;
      found.push_back(table);
      pending.push_back(key_of(table->name));
    }
  }
  return found;
}

}  // namespace

std::vector<const schema::Table*> referring_tables(const schema::Schema& schema, const schema::Table& target) {
  std::vector<const schema::Table*> pending = find_referrers(schema, target);
  // Placed repeatedly, each pass taking the tables whose parents are all placed (Kahn's order);
  // a pass that places nothing means a cycle, broken by taking the first table left.
  std::unordered_set<std::string> placed{key_of(target.name)};
  std::unordered_set<std::string> in_set{key_of(target.name)};
  for (const schema::Table* table : pending) in_set.insert(key_of(table->name));
  const auto ready = [&](const schema::Table* table) {
    const auto parents = parents_of(*table);
    return std::all_of(parents.begin(), parents.end(),
                       [&](const std::string& parent) { return placed.contains(parent) || !in_set.contains(parent); });
  };

  std::vector<const schema::Table*> ordered;
  while (!pending.empty()) {
    auto next = std::find_if(pending.begin(), pending.end(), ready);
    if (next == pending.end()) next = pending.begin();
    placed.insert(key_of((*next)->name));
    ordered.push_back(*next);
    pending.erase(next);
  }
  return ordered;
}

}  // namespace dbmig::dialect::sqlite
