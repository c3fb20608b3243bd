#pragma once
// Canonical text for SQL expressions on MySQL/MariaDB (defaults, CHECK bodies, generation
// expressions), so that what a model writes and what information_schema prints back compare
// equal when they mean the same.
//
// MariaDB stores expressions parsed and prints them its own way: every name in backticks
// (`price` > 0), keywords lower-case, no space after commas (concat(`a`,' ',`b`)), strings in
// single quotes with '' and \\ escapes, some functions and operators under another name
// (lower -> lcase, upper -> ucase, length -> octet_length, substring -> substr, && -> and,
// != -> <>, % -> MOD, TRUE -> 1, x IN (a) -> x = a), now() and localtimestamp as
// current_timestamp(). The canonical form undoes that on both sides:
//  - a backtick-quoted name that reads the same bare (plain once lower-cased, not a reserved word:
//    mysql_keywords.hpp) loses its quotes; names are lower-case (MySQL column names ignore case);
//  - keywords upper-case, other words lower-case; double-quoted text is a string (MySQL's default
//    sql_mode), and every string is re-quoted as MariaDB prints it (mysql_string_literal.hpp);
//  - the renamings above, in MariaDB's direction; now(), current_timestamp, localtime and
//    localtimestamp (with or without parentheses) become CURRENT_TIMESTAMP, or
//    CURRENT_TIMESTAMP(n) with a fractional-seconds precision n > 0; current_date is curdate(),
//    current_time curtime();
//  - parentheses around a single term, and around the whole expression, are removed;
//  - spacing is fixed: f(a, b), x IN (1, 2), a > -1.
// Rewrites MariaDB makes that are not undone (NOT (a < 1) stored as a >= 1, NOT x <=> y as
// !(x <=> y)) compare as different: a model should write them as `dbmig inspect` shows them.
#include <optional>
#include <string>
#include <string_view>

#include "schema/type.hpp"

namespace dbmig::dialect::mysql {

std::string canonical_expression(std::string_view expression);

// A column default in canonical form, as MariaDB keeps it for a column of `type`: it converts a
// constant to the column's type when the table is created, so '7' on an integer column reads back
// as 7, TRUE as 1, 1.5 on a decimal(10,2) column as 1.50, 1e3 on a double column as 1000.
// nullopt for DEFAULT NULL (COLUMN_DEFAULT prints NULL for a nullable column without a default),
// which is no default.
std::optional<std::string> canonical_default(std::string_view default_sql, const schema::Type& type);

}  // namespace dbmig::dialect::mysql
