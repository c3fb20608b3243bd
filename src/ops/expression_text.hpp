#pragma once
// The little ops::apply must know of SQL expression text (index expressions, partial-index
// predicates, CHECK constraints), lexically and dialect-neutral.
//
// Renaming a column inside expressions: databases do this themselves on RENAME COLUMN (PostgreSQL keeps expressions
// parsed; SQLite rewrites the stored CREATE statements), so ops::apply must too: otherwise the
// model of the renamed table would still name the old column, the diff would drop and re-create
// every such index and check, and the downgrade would re-create them with the old name before
// the column got it back.
#include <string>
#include <string_view>

namespace dbmig::ops::detail {

// `expression` with every reference to column `from` spelt `to`: bare words equal to `from`
// ignoring ASCII case, and "quoted" names equal to it exactly. A word followed by `(` is a
// function, not the column; string literals and comments are left alone. `to` is written bare
// when every dialect reads it so, in double quotes otherwise ("order", "Head Line").
std::string rename_column_in_expression(std::string_view expression, std::string_view from, std::string_view to);

// Whether two expressions are the same text but for spacing and the case of what is outside
// string literals and quoted names: "length(email)>3" and "LENGTH(email) > 3". How a drop step
// for a constraint the database keeps unnamed (a SQLite CHECK), written from the normalised
// model, finds that constraint in a schema read back as the database spells it.
bool same_expression_text(std::string_view a, std::string_view b);

}  // namespace dbmig::ops::detail
