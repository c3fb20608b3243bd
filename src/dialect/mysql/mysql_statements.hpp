#pragma once
// Raw SQL of a `sql:` step cut into the statements MySQL/MariaDB runs one at a time (its client
// API runs one statement per call), following MySQL's lexical rules where they differ from the
// shared tokenizer's: backslash escapes in strings, "..." as a string, # comments. A stored
// program's BEGIN ... END body is one statement with its inner semicolons, as the server reads
// it; the mysql client needs DELIMITER for that, which is refused (it is not SQL).
//
// lint/sql_statements.hpp has a splitter for PostgreSQL's SQL (dollar quotes); it does not know
// these rules, so this one is MySQL's own, on the same shared tokenizer.
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::dialect::mysql {

// The statements of `sql`, each its source text between the semicolons (comments inside kept,
// surrounding blanks trimmed); parts holding no SQL are left out, except MySQL's executable
// comments (/*! ... */). Throws dbmig::Error (usage) for a DELIMITER command.
std::vector<std::string> split_statements(std::string_view sql);

}  // namespace dbmig::dialect::mysql
