// Primary key, unique, foreign key and check constraints of a table present on both sides. A
// changed constraint is dropped and added again, one whose name alone changed renamed; foreign keys are dropped first and added last
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

std::string definition_of(const schema::CheckConstraint& check) {
  return check.no_inherit ? check.expression + "\x1fno inherit" : check.expression;
}

std::vector<schema::PrimaryKey> as_list(const std::optional<schema::PrimaryKey>& key) {
  return key ? std::vector<schema::PrimaryKey>{*key} : std::vector<schema::PrimaryKey>{};
}

// The convention's pattern for a kind of constraint, and what it fills in besides the columns.
std::string_view pattern_of(const schema::NamingConvention& naming, const schema::PrimaryKey&) { return naming.pk; }
std::string_view pattern_of(const schema::NamingConvention& naming, const schema::UniqueConstraint&) {
  return naming.uq;
}
std::string_view pattern_of(const schema::NamingConvention& naming, const schema::ForeignKey&) { return naming.fk; }
std::string_view pattern_of(const schema::NamingConvention& naming, const schema::CheckConstraint&) {
  return naming.ck;
}
std::string referred_table_of(const schema::ForeignKey& key) { return key.referred_table; }
template <class Constraint>
std::string referred_table_of(const Constraint&) {
  return {};
}

template <class Constraint>
void compare(const std::vector<Constraint>& desired, const std::vector<Constraint>& live, const schema::Table& table,
             const schema::NamingConvention& naming, Phase drop_phase, Phase add_phase, Plan& plan) {
  const auto changes =
      changes_between(desired, live, [](const Constraint& constraint) { return definition_of(constraint); });
  const ops::TableName name = name_of(table);
  for (const auto* constraint : changes.dropped)
    plan.add(drop_phase, ops::DropConstraint<Constraint>{name, *constraint});
  for (const auto* constraint : changes.created)
    plan.add(add_phase, ops::AddConstraint<Constraint>{name, *constraint});
  for (const auto& renamed : changes.renamed) {
    const Constraint& wanted = *renamed.desired;
    if (!named_by_convention(pattern_of(naming, wanted), table, wanted.name, schema::columns_of(wanted),
                             referred_table_of(wanted)))
      plan.add(Phase::rename_constraints, ops::RenameConstraint{name, renamed.live->name, wanted.name});
  }
}

}  // namespace

void compare_constraints(const schema::Table& desired, const schema::Table& live,
                         const schema::NamingConvention& naming, Plan& plan) {
  compare(as_list(desired.primary_key), as_list(live.primary_key), desired, naming, Phase::drop_constraints,
          Phase::add_constraints, plan);
  compare(desired.uniques, live.uniques, desired, naming, Phase::drop_constraints, Phase::add_constraints, plan);
  compare(desired.checks, live.checks, desired, naming, Phase::drop_constraints, Phase::add_constraints, plan);
  compare(desired.foreign_keys, live.foreign_keys, desired, naming, Phase::drop_foreign_keys,
          Phase::add_foreign_keys, plan);
}

bool named_by_convention(std::string_view pattern, const schema::Table& table, const std::string& name,
                         const std::vector<std::string>& columns, std::string_view referred_table) {
  using Convention = schema::NamingConvention;
  // A pattern built on a given name (ck_%(table)s_%(name)s): any name in its form.
  if (Convention::uses_name(pattern))
    return Convention::resolve(pattern, name, table.name, columns, referred_table) == name;
  return Convention::resolve(pattern, std::nullopt, table.name, columns, referred_table) == name;
}

}  // namespace dbmig::diff::detail
