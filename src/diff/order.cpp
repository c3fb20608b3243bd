// Whole tables created or dropped, ordered by foreign keys: a table is created after the tables
// it refers to and dropped before them. A cycle of foreign keys cannot be ordered; it is broken
// by creating the tables without the foreign keys that close the cycle and adding those last
// (dropping them first, for drops).
#include <unordered_map>

#include "diff/comparisons.hpp"

namespace dbmig::diff::detail {

namespace {

struct ForeignKeyRef {
  std::size_t table;  // index into the tables being ordered
  std::size_t key;    // index into that table's foreign_keys
};

struct DependencyOrder {
  std::vector<std::size_t> referenced_first;  // indexes into the tables being ordered
  std::vector<ForeignKeyRef> cycle_breakers;  // foreign keys left out to break cycles
};

// Depth-first over foreign keys, in model order: each table comes after the tables it refers to
// among `tables`; a key that leads back to a table still being visited closes a cycle. Iterative,
// so that a long chain of tables cannot overflow the stack. Linear in tables plus keys.
// `schema` is the schema the tables belong to: its unqualified_schema is what a key from another
// database schema calls the tables that have none.
DependencyOrder order_by_dependencies(const std::vector<const schema::Table*>& tables, const schema::Schema& schema) {
  std::unordered_map<std::string, std::size_t> position;
  position.reserve(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) position.emplace(table_key(tables[i]->schema, tables[i]->name), i);
  const auto referred = [&](std::size_t table, const schema::ForeignKey& key) -> std::optional<std::size_t> {
    const std::string_view referred_schema =
        key.referred_schema.empty() ? std::string_view(tables[table]->schema) : schema.qualifier_of(key.referred_schema);
    const auto found = position.find(table_key(std::string(referred_schema), key.referred_table));
    if (found == position.end() || found->second == table) return std::nullopt;  // outside, or itself
    return found->second;
  };

  enum class Visit : unsigned char { not_yet, in_progress, done };
  std::vector<Visit> visits(tables.size(), Visit::not_yet);
  DependencyOrder order;
  order.referenced_first.reserve(tables.size());
  std::vector<ForeignKeyRef> stack;  // the table being visited and its next key to follow

  for (std::size_t root = 0; root < tables.size(); ++root) {
    if (visits[root] != Visit::not_yet) continue;
    visits[root] = Visit::in_progress;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      const ForeignKeyRef at = stack.back();
      const auto& keys = tables[at.table]->foreign_keys;
      if (at.key == keys.size()) {
        visits[at.table] = Visit::done;
        order.referenced_first.push_back(at.table);
        stack.pop_back();
        continue;
      }
      ++stack.back().key;
      const auto target = referred(at.table, keys[at.key]);
      if (!target) continue;
      if (visits[*target] == Visit::in_progress) {
        order.cycle_breakers.push_back(at);
      } else if (visits[*target] == Visit::not_yet) {
        visits[*target] = Visit::in_progress;
        stack.push_back({*target, 0});
      }
    }
  }
  return order;
}

// The tables without their cycle-breaking foreign keys, as they are created or dropped.
std::vector<schema::Table> without_keys(const std::vector<const schema::Table*>& tables,
                                        const std::vector<ForeignKeyRef>& left_out) {
  std::vector<std::vector<bool>> dropped(tables.size());
  for (const auto& ref : left_out) {
    dropped[ref.table].resize(tables[ref.table]->foreign_keys.size(), false);
    dropped[ref.table][ref.key] = true;
  }
  std::vector<schema::Table> result;
  result.reserve(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    schema::Table table = without_hints(*tables[i]);
    if (!dropped[i].empty()) {
      table.foreign_keys.clear();
      for (std::size_t k = 0; k < tables[i]->foreign_keys.size(); ++k)
        if (!dropped[i][k]) table.foreign_keys.push_back(tables[i]->foreign_keys[k]);
    }
    result.push_back(std::move(table));
  }
  return result;
}

}  // namespace

void create_tables(const std::vector<const schema::Table*>& created, const schema::Schema& desired, Plan& plan) {
  const DependencyOrder order = order_by_dependencies(created, desired);
  std::vector<schema::Table> definitions = without_keys(created, order.cycle_breakers);
  for (const std::size_t i : order.referenced_first) plan.add(Phase::create_tables, ops::CreateTable{std::move(definitions[i])});
  for (const auto& ref : order.cycle_breakers)
    plan.add(Phase::add_foreign_keys, ops::AddForeignKey{name_of(*created[ref.table]),
                                                         created[ref.table]->foreign_keys[ref.key]});
}

void drop_tables(const std::vector<const schema::Table*>& dropped, const schema::Schema& live,
                 const std::vector<const schema::Table*>& created, Plan& plan) {
  const DependencyOrder order = order_by_dependencies(dropped, live);
  for (const auto& ref : order.cycle_breakers)
    plan.add(Phase::drop_foreign_keys, ops::DropForeignKey{name_of(*dropped[ref.table]),
                                                           dropped[ref.table]->foreign_keys[ref.key]});
  std::vector<schema::Table> definitions = without_keys(dropped, order.cycle_breakers);
  for (auto i = order.referenced_first.rbegin(); i != order.referenced_first.rend(); ++i) {
    plan.warn(dropped_table_warning(*dropped[*i], created));
    plan.add(Phase::drop_tables, ops::DropTable{std::move(definitions[*i])});
  }
}

}  // namespace dbmig::diff::detail
