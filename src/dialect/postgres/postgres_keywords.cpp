#include "dialect/postgres/postgres_keywords.hpp"

#include <algorithm>
#include <array>

namespace dbmig::dialect::postgres {
namespace {

// SELECT word FROM pg_get_keywords() WHERE catcode <> 'U' on PostgreSQL 15, plus system_user
// (reserved since 16). Sorted, for binary search. A real-server test
// (tests/e2e/test_postgres_keywords.cpp) checks that every keyword of the server is quoted here
// exactly when its quote_ident() quotes it.
constexpr std::array<std::string_view, 152> kQuotedKeywords = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
    "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
    "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user",
    "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
    "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest",
    "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer",
    "intersect", "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like",
    "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not",
    "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps",
    "overlay", "placing", "position", "precision", "primary", "real", "references", "returning", "right",
    "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric",
    "system_user", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim",
    "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where",
    "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
    "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
};

static_assert(std::is_sorted(kQuotedKeywords.begin(), kQuotedKeywords.end()), "binary search needs a sorted list");

}  // namespace

bool needs_quoting(std::string_view lower_case_word) {
  return std::binary_search(kQuotedKeywords.begin(), kQuotedKeywords.end(), lower_case_word);
}

}  // namespace dbmig::dialect::postgres
