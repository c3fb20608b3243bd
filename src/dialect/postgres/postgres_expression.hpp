#pragma once
// Canonical text for SQL expressions on PostgreSQL (defaults, CHECK bodies, index expressions,
// partial-index predicates), so that what a model writes and what the catalog prints back
// (pg_get_expr() in pretty mode) compare equal when they mean the same.
//
// PostgreSQL stores expressions parsed and prints them its own way: implicit casts written out
// ('x'::character varying, title::text, '-1'::integer), IN lists as = ANY (ARRAY[...]), LIKE as
// ~~, keywords upper-case and identifiers lower-case, parentheses only where needed. The
// canonical form undoes that on both sides:
//  - every cast (::type) is removed; a cast string holding a number becomes the number
//    ('-1'::integer -> -1), and a typed literal loses its type (interval '1 day' -> '1 day');
//  - x = ANY (ARRAY[a, b]) becomes x IN (a, b), x <> ALL (ARRAY[a, b]) x NOT IN (a, b);
//    ~~ / ~~* (and their negations) become LIKE / ILIKE; != becomes <>; x BETWEEN a AND b
//    becomes x >= a AND x <= b (for single terms);
//  - now() and transaction_timestamp() become CURRENT_TIMESTAMP (the same value: the start of
//    the transaction);
//  - bare words are lower-case, SQL keywords upper-case (as PostgreSQL prints them); a quoted
//    identifier that PostgreSQL prints bare (plain and not a keyword it quotes, see
//    postgres_keywords.hpp) loses them and is spelt like a bare word;
//  - parentheses around a single term, and around the whole expression, are removed;
//  - spacing is fixed: f(a, b), x IN (1, 2), a > -1.
// Removing casts means a change of a cast alone is not seen as a change; redundant parentheses
// around operators are kept, so a model should write them the way PostgreSQL prints them
// (`dbmig inspect` shows it) for a check to compare equal.
#include <optional>
#include <string>
#include <string_view>

#include "schema/type.hpp"

namespace dbmig::dialect::postgres {

std::string canonical_expression(std::string_view expression);

// A column default in canonical form; nullopt for DEFAULT NULL (in any cast), which is no default.
std::optional<std::string> canonical_default(std::string_view default_sql);

// A canonical default as PostgreSQL keeps it for a column of `type`: it converts a quoted constant
// to the column's type when the table is created, so '0' on an integer column reads back as 0 and
// 'yes' on a boolean column as true.
std::string typed_default(std::string canonical_default, const schema::Type& type);

// True for nextval('sequence'::regclass): the default of a serial column, which dbmig reports as
// autoincrement rather than as a default.
bool is_sequence_default(std::string_view default_sql);

}  // namespace dbmig::dialect::postgres
