// Indexes of a table present on both sides. An index whose definition changed is dropped and
// created again: no database alters an index in place. One whose name alone changed is renamed.
#include "diff/comparisons.hpp"
#include "diff/matching.hpp"

namespace dbmig::diff::detail {

namespace {

std::string definition_of(const schema::Index& index) {
  std::string definition;
  append_parts(definition, index.columns);
  append_parts(definition, index.expressions);
  append_part(definition, index.unique ? "unique" : "");
  append_part(definition, index.where ? "where " + *index.where : "");
  return definition;
}

}  // namespace

void compare_indexes(const schema::Table& desired, const schema::Table& live, const schema::NamingConvention& naming,
                     Plan& plan) {
  const auto changes = changes_between(desired.indexes, live.indexes, definition_of);
  for (const auto* index : changes.dropped) plan.add(Phase::drop_indexes, ops::DropIndex{name_of(live), *index});
  for (const auto* index : changes.created) plan.add(Phase::create_indexes, ops::CreateIndex{name_of(desired), *index});
  for (const auto& renamed : changes.renamed)
    if (!named_by_convention(naming.ix, desired, renamed.desired->name, renamed.desired->columns))
      plan.add(Phase::rename_constraints, ops::RenameIndex{name_of(desired), renamed.live->name, renamed.desired->name});
}

}  // namespace dbmig::diff::detail
