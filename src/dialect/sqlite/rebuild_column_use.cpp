#include "dialect/sqlite/rebuild_column_use.hpp"

#include <algorithm>
#include <vector>

#include "dialect/common/sql_tokens.hpp"
#include "util/text.hpp"

namespace dbmig::dialect::sqlite {

using util::double_quoted;

namespace {

bool names_column(const std::vector<std::string>& columns, std::string_view column) {
  return std::any_of(columns.begin(), columns.end(),
                     [&](const std::string& candidate) { return equals_ignoring_case(candidate, column); });
}

}  // namespace

bool mentions_identifier(std::string_view sql, std::string_view identifier) {
  const std::vector<Token> tokens = tokenize(sql);
  return std::any_of(tokens.begin(), tokens.end(), [&](const Token& token) {
    return token.is_identifier() && equals_ignoring_case(token.value(), identifier);
  });
}

bool index_uses_column(const schema::Index& index, std::string_view column) {
  const bool in_terms = std::any_of(index.terms.begin(), index.terms.end(), [&](const schema::IndexTerm& term) {
    return term.is_expression() ? mentions_identifier(term.expression, column) : equals_ignoring_case(term.column, column);
  });
  return in_terms || names_column(index.include, column) || (index.where && mentions_identifier(*index.where, column));
}

std::optional<std::string> column_user(const schema::Table& table, std::string_view column) {
  if (table.primary_key && names_column(table.primary_key->columns, column)) return "its primary key";
  for (const schema::UniqueConstraint& unique : table.uniques) {
    if (names_column(unique.columns, column)) return "unique constraint " + double_quoted(unique.name);
  }
  for (const schema::ForeignKey& foreign_key : table.foreign_keys) {
    if (names_column(foreign_key.columns, column)) return "foreign key " + double_quoted(foreign_key.name);
  }
  for (const schema::Index& index : table.indexes) {
    if (index_uses_column(index, column)) return "index " + double_quoted(index.name);
  }
  for (const schema::CheckConstraint& check : table.checks) {
    if (mentions_identifier(check.expression, column)) return "check constraint " + double_quoted(check.name);
  }
  for (const schema::Column& generated : table.columns) {
    if (generated.generated && !equals_ignoring_case(generated.name, column) &&
        mentions_identifier(generated.generated->expression, column))
      return "generated column " + double_quoted(generated.name);
  }
  return std::nullopt;
}

}  // namespace dbmig::dialect::sqlite
