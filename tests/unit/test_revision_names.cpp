// Revision ids and branch labels: what may be one (names.hpp), and the revision file that breaks
// the rules refused at the id's own file:line:column, by the full parser and by the fast header
// scan (which leaves such a file to the parser), so that `downgrade base` can never meet a
// revision named base and an id too long for the version table never runs its steps.
#include <doctest/doctest.h>

#include <string>

#include "error_capture.hpp"
#include "revision/graph.hpp"
#include "revision/header_scan.hpp"
#include "revision/names.hpp"
#include "revision/revision.hpp"

namespace {

using namespace dbmig;
using namespace dbmig::revision;
using dbmig::test::contains;

const schema::NamingConvention naming;

std::string header(const std::string& id, const std::string& parents = "null", const std::string& labels = "[]") {
  return "revision: " + id + "\ndown_revision: " + parents + "\nbranch_labels: " + labels +
         "\nupgrade: []\ndowngrade: []\n";
}

// The error reading `text` (as r.yaml), after checking that the header scan leaves it alone.
Error refused(const std::string& text) {
  CHECK_FALSE(scan_header(text, "r.yaml").has_value());
  try {
    parse_revision(text, "r.yaml", naming);
  } catch (const Error& error) {
    return error;
  }
  FAIL("no error for " << text);
  return usage_error("unreachable");
}

std::string where(const Error& error) {
  REQUIRE(error.where());
  return error.where()->to_string();
}

}  // namespace

TEST_CASE("revision names: ids") {
  for (const char* good : {"3f2a9c1d7b4e", "a1", "0001_initial", "Head2", "headx", "x"})
    CHECK_MESSAGE(!revision_id_problem(good), good);
  CHECK(!revision_id_problem(std::string(32, 'a')));

  CHECK(*revision_id_problem("") == "is empty");
  for (const char* reserved : {"head", "heads", "base", "HEAD", "Base"})
    CHECK(contains(*revision_id_problem(reserved), "is a reserved word"));
  CHECK(contains(*revision_id_problem("ae10+2"), "holds '+' (REV+N and REV-N are relative targets)"));
  CHECK(contains(*revision_id_problem("add-users"), "holds '-'"));
  CHECK(contains(*revision_id_problem("a@head"), "holds '@'"));
  CHECK(contains(*revision_id_problem("a:b"), "holds ':'"));
  CHECK(contains(*revision_id_problem("r 1"), "holds a space"));
  CHECK(contains(*revision_id_problem("r/1"), "holds '/'"));
  CHECK(contains(*revision_id_problem("caf\xC3\xA9"), "outside ASCII"));
  CHECK(*revision_id_problem(std::string(33, 'a')) == "is 33 characters long; the version table's column holds 32");
}

TEST_CASE("revision names: branch labels") {
  for (const char* good : {"blog", "feature-x", "feature_x", "v2", "release-2b", "2024"})
    CHECK_MESSAGE(!branch_label_problem(good), good);
  CHECK(*branch_label_problem("") == "is empty");
  CHECK(contains(*branch_label_problem("heads"), "is a reserved word"));
  CHECK(contains(*branch_label_problem("a@b"), "holds '@'"));
  CHECK(contains(*branch_label_problem("a+1"), "holds '+'"));
  CHECK(contains(*branch_label_problem("-x"), "holds '-'"));
  CHECK(*branch_label_problem("x-") == "ends in '-'");
  CHECK(*branch_label_problem("release-2") == "ends in '-2', which reads as 2 revision(s) below 'release'");
}

TEST_CASE("revision names: a revision file breaking them is refused at the name") {
  SUBCASE("a reserved id") {
    const Error error = refused(header("base"));
    CHECK(where(error) == "r.yaml:1:11");
    CHECK(contains(error.message(), "'base' is a reserved word"));
    CHECK(contains(error.hint(), "letters, digits and '_'"));
  }
  SUBCASE("an empty id") {
    const Error error = refused(header("\"\""));
    CHECK(where(error) == "r.yaml:1:11");
    CHECK(contains(error.message(), "is empty"));
  }
  SUBCASE("an id too long for the version table, shown cut short") {
    const Error error = refused(header(std::string(200, 'f')));
    CHECK(where(error) == "r.yaml:1:11");
    CHECK(contains(error.message(), "is 200 characters long; the version table's column holds 32"));
    CHECK(contains(error.message(), std::string(40, 'f') + "..."));
    CHECK_FALSE(contains(error.message(), std::string(41, 'f')));
  }
  SUBCASE("target syntax in an id") {
    const Error error = refused(header("ae10-1"));
    CHECK(where(error) == "r.yaml:1:11");
    CHECK(contains(error.message(), "holds '-'"));
  }
  SUBCASE("down_revision: base, meant as a first revision") {
    const Error error = refused(header("a1", "base"));
    CHECK(where(error) == "r.yaml:2:16");
    CHECK(contains(error.message(), "'base' is a reserved word"));
    CHECK(contains(error.hint(), "down_revision: null"));
  }
  SUBCASE("a bad id in a merge's down_revision list") {
    const Error error = refused(header("a1", "[b2, 'c 3']"));
    CHECK(where(error) == "r.yaml:2:21");
    CHECK(contains(error.message(), "holds a space"));
  }
  SUBCASE("a reserved branch label") {
    const Error error = refused(header("a1", "null", "[blog, head]"));
    CHECK(where(error) == "r.yaml:3:23");
    CHECK(contains(error.message(), "'head' is a reserved word"));
    CHECK(contains(error.hint(), "<label>@head"));
  }
  SUBCASE("a branch label that reads as a relative target") {
    const Error error = refused(header("a1", "null", "release-2"));
    CHECK(where(error) == "r.yaml:3:16");
    CHECK(contains(error.message(), "reads as 2 revision(s) below 'release'"));
  }
}

TEST_CASE("revision names: a branch label that is another revision's id is refused") {
  Revision first;
  first.id = "a1";
  Revision second;
  second.id = "b2";
  second.down_revisions = {"a1"};
  second.branch_labels = {"a1"};
  const auto error = test::error_of([&] { Graph::from_revisions({first, second}); });
  REQUIRE(error);
  CHECK(error->code() == ExitCode::usage);
  CHECK(contains(error->message(), "the branch label 'a1' of revision b2 is the id of revision a1"));
}
