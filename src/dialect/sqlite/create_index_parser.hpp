#pragma once
// Recovers from a CREATE INDEX statement what pragma_index_xinfo does not report as written: the
// text of expression terms (reported only as cid -2), the COLLATE each term names (xinfo reports
// the collation in effect, the column's own included) and the WHERE predicate of a partial index.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::dialect::sqlite {

struct ParsedIndex {
  // Each indexed term as written, in order, without a trailing COLLATE name or ASC/DESC:
  // `"email"`, `lower(name)`.
  std::vector<std::string> terms;
  // Each term's COLLATE name (quotes removed), parallel to terms; nullopt when it names none.
  std::vector<std::optional<std::string>> collations;
  std::optional<std::string> where;  // the partial-index predicate as written
};

// Never throws; text it cannot make sense of yields an empty result.
ParsedIndex parse_create_index(std::string_view sql);

}  // namespace dbmig::dialect::sqlite
