#pragma once
// Pairs up the indexes or constraints of one table on both sides: by name where both sides are
// named, then by definition. The second pass is what keeps the diff quiet where SQLite reports no
// constraint names; where both sides are named and only the name differs, the pair is a rename.
#include <string>
#include <unordered_map>
#include <vector>

namespace dbmig::diff::detail {

template <class Item>
struct Renamed {
  const Item* live;
  const Item* desired;
};

template <class Item>
struct Changes {
  std::vector<const Item*> dropped;  // live items to drop, in live order
  std::vector<const Item*> created;  // desired items to create, in model order
  std::vector<Renamed<Item>> renamed;  // the same definition under another name, in model order
};

// `definition_of(item)` renders everything but the name into a string; equal strings mean the
// same definition. Linear in the number of items (hash lookups).
template <class Item, class Definition>
Changes<Item> changes_between(const std::vector<Item>& desired, const std::vector<Item>& live,
                              Definition definition_of) {
  std::vector<bool> live_kept(live.size(), false);
  std::vector<bool> desired_kept(desired.size(), false);

  std::unordered_map<std::string, std::size_t> live_by_name;
  for (std::size_t j = 0; j < live.size(); ++j)
    if (!live[j].name.empty()) live_by_name.emplace(live[j].name, j);

  std::vector<std::size_t> unnamed_or_unmatched;
  for (std::size_t i = 0; i < desired.size(); ++i) {
    const auto same_name = desired[i].name.empty() ? live_by_name.end() : live_by_name.find(desired[i].name);
    if (same_name == live_by_name.end()) {
      unnamed_or_unmatched.push_back(i);
      continue;
    }
    // Same name: kept if the definition is the same, otherwise dropped and created again.
    const bool same_definition = definition_of(desired[i]) == definition_of(live[same_name->second]);
    live_kept[same_name->second] = same_definition;
    desired_kept[i] = same_definition;
    live_by_name.erase(same_name);  // claimed, whether kept or replaced
  }

  // Unclaimed live items by definition; filled backwards so that pop_back takes the first one.
  std::unordered_map<std::string, std::vector<std::size_t>> live_by_definition;
  for (std::size_t j = live.size(); j-- > 0;)
    if (!live_kept[j] && (live[j].name.empty() || live_by_name.contains(live[j].name)))
      live_by_definition[definition_of(live[j])].push_back(j);
  Changes<Item> changes;
  for (const std::size_t i : unnamed_or_unmatched) {
    const auto same = live_by_definition.find(definition_of(desired[i]));
    if (same == live_by_definition.end() || same->second.empty()) continue;
    const std::size_t j = same->second.back();
    live_kept[j] = true;
    desired_kept[i] = true;
    same->second.pop_back();
    // An unnamed side (SQLite's unnamed constraints, a hand-written unnamed drop) is no rename.
    if (!live[j].name.empty() && !desired[i].name.empty() && live[j].name != desired[i].name)
      changes.renamed.push_back(Renamed<Item>{&live[j], &desired[i]});
  }

  for (std::size_t j = 0; j < live.size(); ++j)
    if (!live_kept[j]) changes.dropped.push_back(&live[j]);
  for (std::size_t i = 0; i < desired.size(); ++i)
    if (!desired_kept[i]) changes.created.push_back(&desired[i]);
  return changes;
}

// Joins the parts of a definition with a separator no identifier or expression holds.
inline void append_part(std::string& definition, const std::string& part) {
  definition += part;
  definition += '\x1f';
}
inline void append_parts(std::string& definition, const std::vector<std::string>& parts) {
  for (const auto& part : parts) append_part(definition, part);
  definition += '\x1e';
}

}  // namespace dbmig::diff::detail
