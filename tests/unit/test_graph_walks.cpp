// More graph walks: every target form on branches (labels, label@head, prefixes, REV+N/-N), a
// three-way merge, the queries behind `branches`, `history -r A:B` and the applied set, and the
// errors each says.
#include <doctest/doctest.h>

#include <functional>

#include "revision/graph.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace {

using namespace dbmig;
using namespace dbmig::revision;

Revision rev(std::string id, std::vector<std::string> parents = {}, std::vector<std::string> labels = {}) {
  Revision revision;
  revision.id = std::move(id);
  revision.down_revisions = std::move(parents);
  revision.branch_labels = std::move(labels);
  return revision;
}

std::string ids(const std::vector<const Revision*>& plan) {
  std::vector<std::string> out;
  for (const auto* revision : plan) out.push_back(revision->id);
  return util::join(out, " ");
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    CHECK(error.code() == ExitCode::usage);
    return error.message();
  }
  FAIL("no error");
  return {};
}

// base0 <- b1bb <- a1aa (label api) <- a2aa <-+
//                <- b2bb <----------------------- m3mm <- after
//                <- c1cc (label web) <----------+
Graph three_way() {
  return Graph::from_revisions({rev("base0"), rev("b1bb", {"base0"}), rev("a1aa", {"b1bb"}, {"api"}),
                                rev("a2aa", {"a1aa"}), rev("b2bb", {"b1bb"}), rev("c1cc", {"b1bb"}, {"web"}),
                                rev("m3mm", {"a2aa", "b2bb", "c1cc"}), rev("after", {"m3mm"})});
}

// Two independent branches from the root, one labelled at its start.
//   root - x1 (label x) - x2
//       \- y1 - y2
Graph two_branches() {
  return Graph::from_revisions(
      {rev("root"), rev("x1ab", {"root"}, {"x"}), rev("x2ab", {"x1ab"}), rev("y1cd", {"root"}), rev("y2cd", {"y1cd"})});
}

}  // namespace

TEST_CASE("graph walks: label@head and labels as targets") {
  const Graph graph = two_branches();
  CHECK(ids(graph.upgrade_plan({}, "x@head")) == "root x1ab x2ab");
  CHECK(ids(graph.upgrade_plan({}, "x")) == "root x1ab");
  CHECK(ids(graph.upgrade_plan({"x2ab"}, "y2cd@head")) == "y1cd y2cd");
  CHECK(ids(graph.upgrade_plan({"x1ab"}, "x+1")) == "x2ab");
  CHECK(ids(graph.downgrade_plan({"x2ab", "y2cd"}, "x")) == "x2ab");
  CHECK(ids(graph.downgrade_plan({"x2ab", "y2cd"}, "x2ab-1")) == "x2ab");
  // Down to the root reverts what builds on it, the other branch too.
  CHECK(ids(graph.downgrade_plan({"x2ab", "y2cd"}, "x2ab-2")) == "y2cd y1cd x2ab x1ab");
  CHECK(graph.resolve_names("x@head") == std::vector<std::string>{"x2ab"});
  CHECK(graph.resolve_names("heads") == std::vector<std::string>{"x2ab", "y2cd"});
  CHECK(graph.resolve_names("y1") == std::vector<std::string>{"y1cd"});
  CHECK(error_of([&] { graph.resolve_names("head"); }) ==
        "'head' is ambiguous: the revisions have several heads (x2ab, y2cd)");
  CHECK(error_of([&] { graph.upgrade_plan({}, "root@head"); }) ==
        "'root@head' is ambiguous: the branch has several heads (x2ab, y2cd)");
  CHECK(error_of([&] { graph.upgrade_plan({}, "nolabel@head"); }) == "no revision matches 'nolabel'");
  // A prefix that several ids share names them all.
  const Graph prefixed = Graph::from_revisions({rev("ab01"), rev("ab02", {"ab01"}), rev("ac03", {"ab02"})});
  CHECK(error_of([&] { prefixed.upgrade_plan({}, "ab"); }) == "'ab' matches several revisions: ab01, ab02");
  CHECK(error_of([&] { prefixed.downgrade_plan({"ac03"}, "a"); }) ==
        "'a' matches several revisions: ab01, ab02, ac03");
  CHECK(ids(prefixed.upgrade_plan({}, "ac")) == "ab01 ab02 ac03");
}

TEST_CASE("graph walks: a three-way merge") {
  const Graph graph = three_way();
  CHECK(graph.heads() == std::vector<std::string>{"after"});
  const auto plan = graph.upgrade_plan({}, "heads");
  REQUIRE(plan.size() == 8);
  // Every revision after all its parents.
  for (std::size_t i = 0; i < plan.size(); ++i)
    for (const auto& parent : plan[i]->down_revisions) {
      bool before = false;
      for (std::size_t j = 0; j < i; ++j) before = before || plan[j]->id == parent;
      CHECK_MESSAGE(before, plan[i]->id << " before " << parent);
    }
  // From one branch: the other two, then the merge.
  CHECK(ids(graph.upgrade_plan({"a2aa"}, "m3mm")) == "b2bb c1cc m3mm");
  // Reverting the merge makes all three parents heads again.
  CHECK(graph.heads_after_downgrade({"m3mm"}, graph.get("m3mm")) == std::vector<std::string>{"a2aa", "b2bb", "c1cc"});
  CHECK(ids(graph.downgrade_plan({"after"}, "b1bb")) == "after m3mm c1cc b2bb a2aa a1aa");
  const auto down = graph.downgrade_plan({"after"}, "b1bb");
  CHECK(down.size() == 6);
  CHECK(down[0]->id == "after");
  CHECK(down[1]->id == "m3mm");
  CHECK(ids(graph.downgrade_plan({"after"}, "web")) == "after m3mm");  // a label as a downgrade target
  CHECK(error_of([&] { graph.downgrade_plan({"after"}, "m3mm-1"); }) ==
        "'m3mm-1' is ambiguous: revision m3mm is a merge of a2aa, b2bb, c1cc");
}

TEST_CASE("graph walks: branch points, children and the applied set") {
  const Graph graph = three_way();
  CHECK(ids(graph.branch_points()) == "b1bb");
  CHECK(graph.children("b1bb") == std::vector<std::string>{"a1aa", "b2bb", "c1cc"});
  CHECK(graph.children("after").empty());
  CHECK(ids(graph.applied({"a2aa", "c1cc"})) == "base0 b1bb a1aa a2aa c1cc");
  CHECK(ids(graph.applied({})).empty());
  CHECK(ids(two_branches().branch_points()) == "root");
}

TEST_CASE("graph walks: the revisions between two others, for history -r") {
  const Graph graph = three_way();
  CHECK(ids(graph.between({}, {})) == ids(graph.newest_first()));
  CHECK(ids(graph.between({"m3mm"}, {})) == "after m3mm");
  CHECK(ids(graph.between({}, {"a1aa"})) == "a1aa b1bb base0");
  const auto middle = graph.between({"b1bb"}, {"m3mm"});
  CHECK(middle.size() == 6);
  CHECK(middle.front()->id == "m3mm");
  CHECK(middle.back()->id == "b1bb");
  CHECK(ids(graph.between({"a1aa"}, {"c1cc"})).empty());  // on different branches
  CHECK(ids(graph.between({"a1aa", "c1cc"}, {"m3mm"})) == "m3mm a2aa c1cc a1aa");
}

TEST_CASE("graph walks: upgrade targets that cannot be reached say why") {
  const Graph graph = two_branches();
  CHECK(error_of([&] { graph.upgrade_plan({"x2ab", "y2cd"}, "+1"); }) ==
        "'+1' is ambiguous: the database is at several heads (x2ab, y2cd)");
  CHECK(error_of([&] { graph.upgrade_plan({}, "root+1"); }) ==
        "'root+1' is ambiguous: the way up from revision root forks (x1ab, y1cd)");
  CHECK(error_of([&] { graph.upgrade_plan({}, "x2ab+1"); }) ==
        "'x2ab+1' goes past the last revision: revision x2ab has none above it");
  CHECK(error_of([&] { graph.downgrade_plan({"x2ab"}, "y1cd"); }) == "cannot downgrade to y1cd: it is not applied");
  CHECK(error_of([&] { graph.downgrade_plan({"x2ab"}, "x@head"); }) == "'x@head' is an upgrade target");
}
