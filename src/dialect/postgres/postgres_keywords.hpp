#pragma once
// Which words PostgreSQL reads as something other than a name when written bare.
#include <string_view>

namespace dbmig::dialect::postgres {

// True for PostgreSQL's keywords of every category but "unreserved" (reserved, "can be function
// or type name", "cannot be function or type name"): the words its own quote_ident() quotes, and
// so the ones it quotes when it prints an expression back (pg_get_expr, pg_get_indexdef).
// Compared in lower case, as PostgreSQL folds a bare name.
bool needs_quoting(std::string_view lower_case_word);

}  // namespace dbmig::dialect::postgres
