// The PostgreSQL keyword list dbmig carries (dialect/postgres/postgres_keywords.cpp) against the
// server's own: a name is left bare in normalised expressions exactly when the server prints it
// bare, or a revision would hold a keyword unquoted (issue 12) or a check would never compare
// equal. A newer server with new keywords fails here until the list is brought up to date.
#include <doctest/doctest.h>

#include "dialect/postgres/postgres_keywords.hpp"
#include "test_postgres_support.hpp"

namespace dbmig::test {

TEST_CASE("postgres keywords: dbmig quotes every keyword the server's quote_ident quotes, and no other") {
  auto database = make_database("postgresql");
  if (!database) return;
  const auto rows =
      database->connect()->query({"SELECT word, (quote_ident(word) <> word)::text FROM pg_get_keywords()", {}});
  REQUIRE(rows.size() > 400);
  for (const auto& row : rows) {
    const std::string word = row.at(0).value();
    CAPTURE(word);
    CHECK(dialect::postgres::needs_quoting(word) == (row.at(1).value() == "true"));
  }
}

}  // namespace dbmig::test
