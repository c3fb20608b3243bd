// Primary key, unique, foreign key and check constraints of a table present on both sides. A
// changed constraint is dropped and added again; foreign keys are dropped first and added last
// (see Phase) because they depend on keys and columns elsewhere.
#include "diff/comparisons.hpp"
#include "diff/matching.hpp"

namespace dbmig::diff::detail {

namespace {

std::string definition_of(const schema::PrimaryKey& key) {
  std::string definition;
  append_parts(definition, key.columns);
  return definition;
}

std::string definition_of(const schema::UniqueConstraint& unique) {
  std::string definition;
  append_parts(definition, unique.columns);
  append_part(definition, unique.nulls_not_distinct ? "nulls not distinct" : "");
  append_part(definition, unique.deferrable ? (unique.initially_deferred ? "deferrable initially deferred" : "deferrable") : "");
  return definition;
}

std::string definition_of(const schema::ForeignKey& key) {
  std::string definition;
  append_parts(definition, key.columns);
  append_part(definition, key.referred_schema);
  append_part(definition, key.referred_table);
  append_parts(definition, key.referred_columns);
  append_part(definition, schema::to_string(key.on_delete));
  append_part(definition, schema::to_string(key.on_update));
  append_part(definition, key.deferrable ? (key.initially_deferred ? "deferrable initially deferred" : "deferrable") : "");
  return definition;
}

std::string definition_of(const schema::CheckConstraint& check) { return check.expression; }

std::vector<schema::PrimaryKey> as_list(const std::optional<schema::PrimaryKey>& key) {
  return key ? std::vector<schema::PrimaryKey>{*key} : std::vector<schema::PrimaryKey>{};
}

template <class Constraint>
void compare(const std::vector<Constraint>& desired, const std::vector<Constraint>& live,
             const ops::TableName& table, Phase drop_phase, Phase add_phase, Plan& plan) {
  const auto changes =
      changes_between(desired, live, [](const Constraint& constraint) { return definition_of(constraint); });
  for (const auto* constraint : changes.dropped)
    plan.add(drop_phase, ops::DropConstraint<Constraint>{table, *constraint});
  for (const auto* constraint : changes.created)
    plan.add(add_phase, ops::AddConstraint<Constraint>{table, *constraint});
}

}  // namespace

void compare_constraints(const schema::Table& desired, const schema::Table& live, Plan& plan) {
  const ops::TableName table = name_of(desired);
  compare(as_list(desired.primary_key), as_list(live.primary_key), table, Phase::drop_constraints,
          Phase::add_constraints, plan);
  compare(desired.uniques, live.uniques, table, Phase::drop_constraints, Phase::add_constraints, plan);
  compare(desired.checks, live.checks, table, Phase::drop_constraints, Phase::add_constraints, plan);
  compare(desired.foreign_keys, live.foreign_keys, table, Phase::drop_foreign_keys, Phase::add_foreign_keys, plan);
}

}  // namespace dbmig::diff::detail
