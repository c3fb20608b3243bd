#include "dialect/common/identifier_quoting.hpp"

#include <algorithm>

namespace dbmig::dialect {

bool is_plain_identifier(std::string_view name) {
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool reads_same_bare(std::string_view name, KeywordTest needs_quoting) {
  return is_plain_identifier(name) && !needs_quoting(name);
}

}  // namespace dbmig::dialect
