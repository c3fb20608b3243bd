#pragma once
// Raw SQL of a `sql:` step cut into statements with the project's tokenizer, so that a semicolon
// in a string, a quoted name or a comment does not end a statement.
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
// PostgreSQL's dollar-quoted bodies ($$ ... $$) are not understood by the tokenizer: statements
// inside a DO block or a function body are read as statements of their own.
std::vector<SqlStatement> split_statements(std::string_view sql);

}  // namespace dbmig::lint
