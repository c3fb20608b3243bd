// One-line op summaries (migrate's and check's output): a constraint without a name is shown by
// what identifies it, never by an empty name.
#include <doctest/doctest.h>

#include "cli/op_summary.hpp"

using namespace dbmig;

TEST_CASE("op summary: named and unnamed constraints") {
  const ops::TableName authors{"authors", ""};
  CHECK(cli::summarize(ops::DropConstraint<schema::UniqueConstraint>{authors, {"uq_authors_email", {"email"}}}) ==
        "drop unique constraint uq_authors_email on authors");
  CHECK(cli::summarize(ops::DropConstraint<schema::UniqueConstraint>{authors, {"", {"email", "name"}}}) ==
        "drop unique constraint (email, name) on authors");
  CHECK(cli::summarize(ops::AddConstraint<schema::CheckConstraint>{authors, {"", "age > 0"}}) ==
        "add check constraint (age > 0) on authors");
  CHECK(cli::summarize(ops::AddConstraint<schema::PrimaryKey>{{"books", "archive"}, {"", {"id"}}}) ==
        "add primary key (id) on archive.books");
}
