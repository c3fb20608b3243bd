// Indexes of a table present on both sides. An index whose definition changed is dropped and
// created again: no database alters an index in place. One whose name alone changed is renamed.
#include "diff/comparisons.hpp"
#include "diff/matching.hpp"

namespace dbmig::diff::detail {

namespace {

// A term with every option it has: any change of one (DESC, an operator class, ...) is a
// different index.
std::string term_text(const schema::IndexTerm& term) {
  std::string text = term.is_expression() ? "expression " + term.expression : "column " + term.column;
  if (term.collate) text += " collate " + *term.collate;
  if (term.opclass) text += " opclass " + *term.opclass;
  if (term.descending) text += " desc";
  if (term.nulls) text += *term.nulls == schema::NullsOrder::first ? " nulls first" : " nulls last";
  return text;
}

std::string definition_of(const schema::Index& index) {
  std::string definition;
  for (const schema::IndexTerm& term : index.terms) append_part(definition, term_text(term));
  definition += '\x1e';
  append_part(definition, index.unique ? "unique" : "");
  append_part(definition, index.where ? "where " + *index.where : "");
  append_part(definition, index.method);
  append_parts(definition, index.include);
  append_part(definition, index.nulls_not_distinct ? "nulls not distinct" : "");
  return definition;
}

}  // namespace

void compare_indexes(const schema::Table& desired, const schema::Table& live, const schema::NamingConvention& naming,
                     Plan& plan) {
  const auto changes = changes_between(desired.indexes, live.indexes, definition_of);
  for (const auto* index : changes.dropped) plan.add(Phase::drop_indexes, ops::DropIndex{name_of(live), *index});
  for (const auto* index : changes.created) plan.add(Phase::create_indexes, ops::CreateIndex{name_of(desired), *index});
  for (const auto& renamed : changes.renamed)
    if (!named_by_convention(naming.ix, desired, renamed.desired->name, renamed.desired->key_columns()))
      plan.add(Phase::rename_constraints, ops::RenameIndex{name_of(desired), renamed.live->name, renamed.desired->name});
}

}  // namespace dbmig::diff::detail
