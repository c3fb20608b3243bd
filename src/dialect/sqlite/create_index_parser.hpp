#pragma once
// Recovers from a CREATE INDEX statement what pragma_index_xinfo does not report: the text of
// expression terms (reported only as cid -2) and the WHERE predicate of a partial index.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::dialect::sqlite {

struct ParsedIndex {
  // Each indexed term as written, in order, without a trailing COLLATE name or ASC/DESC:
  // `"email"`, `lower(name)`.
  std::vector<std::string> terms;
  std::optional<std::string> where;  // the partial-index predicate as written
};

// Never throws; text it cannot make sense of yields an empty result.
ParsedIndex parse_create_index(std::string_view sql);

}  // namespace dbmig::dialect::sqlite
