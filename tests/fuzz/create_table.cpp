// Fuzz target: SQLite's CREATE TABLE and CREATE INDEX text scanners (dialect/sqlite/
// create_table_parser.hpp, create_index_parser.hpp), which read the catalog's statements as
// written, by hand or by other tools. They promise never to throw.
#include "dialect/sqlite/create_index_parser.hpp"
#include "dialect/sqlite/create_table_parser.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view sql = dbmig::fuzz::text_of(data, size);
  const auto table = dbmig::dialect::sqlite::parse_create_table(sql);
  for (const auto& constraint : table.constraints)
    dbmig::fuzz::require(constraint.expression.size() <= sql.size(), "a CHECK expression is part of the text");
  dbmig::dialect::sqlite::parse_create_index(sql);
  return 0;
}
