#pragma once
// Reading the rows of catalog queries, the same in every dialect's introspection.
#include <string>
#include <vector>

#include "dialect/connection.hpp"

namespace dbmig::dialect {

// A column's text; NULL reads as empty.
inline std::string row_text(const Row& row, std::size_t column) { return row.at(column).value_or(std::string()); }

// Calls handle(first, last) for each run [first, last) of rows that share their first two columns
// (the table, and the index or constraint): the rows of one object, as the query's ORDER BY
// groups them.
template <class Handle>
void for_each_group(const std::vector<Row>& rows, Handle&& handle) {
  for (std::size_t first = 0; first < rows.size();) {
    std::size_t last = first + 1;
    while (last < rows.size() && rows[last].at(0) == rows[first].at(0) && rows[last].at(1) == rows[first].at(1)) ++last;
    handle(first, last);
    first = last;
  }
}

}  // namespace dbmig::dialect
