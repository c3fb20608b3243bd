// Indexes of a table present on both sides. An index whose definition changed is dropped and
// created again: no database alters an index in place.
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

void compare_indexes(const schema::Table& desired, const schema::Table& live, Plan& plan) {
  const auto changes = changes_between(desired.indexes, live.indexes, definition_of);
  for (const auto* index : changes.dropped) plan.add(Phase::drop_indexes, ops::DropIndex{name_of(live), *index});
  for (const auto* index : changes.created) plan.add(Phase::create_indexes, ops::CreateIndex{name_of(desired), *index});
}

}  // namespace dbmig::diff::detail
