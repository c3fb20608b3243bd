#pragma once
// Raw SQL of a `sql:` step cut into statements with the project's tokenizer, so that a semicolon
// in a string, a quoted name or a comment does not end a statement.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/common/sql_tokens.hpp"

namespace dbmig::lint {

struct SqlStatement {
  std::vector<dialect::Token> tokens;  // views into the SQL text split; never empty
  std::string text;                    // the statement, whitespace runs made one space, cut when long
};

// The statements of `sql`, split at semicolons outside parentheses. Empty statements are left out.
// A PostgreSQL dollar-quoted text ($$ ... $$, $body$ ... $body$: a DO block or a function body)
// is one string token, so the semicolons inside it split nothing (the shared tokenizer does not
// know dollar quotes; dollar_quoted_body reads such a token's inside).
std::vector<SqlStatement> split_statements(std::string_view sql);

// The text between the tags of a dollar-quoted string token; nullopt for any other token.
std::optional<std::string_view> dollar_quoted_body(const dialect::Token& token);

}  // namespace dbmig::lint
