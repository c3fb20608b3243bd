// The revision graph: loading and its errors, lookups, and the upgrade/downgrade plans for every
// target form, on a straight chain and on branches with a merge.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <unordered_set>

#include "revision/graph.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace {

using namespace dbmig;
using namespace dbmig::revision;
namespace fs = std::filesystem;

const schema::NamingConvention naming;

Revision rev(std::string id, std::vector<std::string> parents = {}, std::vector<std::string> labels = {}) {
  Revision revision;
  revision.id = std::move(id);
  revision.down_revisions = std::move(parents);
  revision.branch_labels = std::move(labels);
  return revision;
}

// r1 <- r2 <- r3 <- r4 <- r5
Graph chain() { return Graph::from_revisions({rev("r1"), rev("r2", {"r1"}), rev("r3", {"r2"}), rev("r4", {"r3"}), rev("r5", {"r4"})}); }

// root <- a1 <- a2 <- merge <- after
//      <- b1 <- b2 <-/
Graph branches_with_merge() {
  return Graph::from_revisions({rev("root"), rev("a1", {"root"}), rev("a2", {"a1"}), rev("b1", {"root"}, {"feature"}),
                                rev("b2", {"b1"}), rev("merge", {"a2", "b2"}), rev("after", {"merge"})});
}

// The same without the merge: two heads.
Graph two_heads() {
  return Graph::from_revisions(
      {rev("root"), rev("a1", {"root"}), rev("a2", {"a1"}), rev("b1", {"root"}, {"feature"}), rev("b2", {"b1"})});
}

std::string ids(const std::vector<const Revision*>& plan) {
  std::vector<std::string> out;
  for (const auto* revision : plan) out.push_back(revision->id);
  return util::join(out, " ");
}

// Runs a plan the way the migrator does, checking that every revision is applied after its
// parents (upgrade) or reverted while nothing applied builds on it (downgrade); returns the heads.
std::vector<std::string> run_upgrade(const Graph& graph, std::vector<std::string> current,
                                     const std::vector<const Revision*>& plan) {
  // Applied: everything but what is still to apply on the way to all heads.
  std::unordered_set<std::string> applied;
  for (const auto* revision : graph.newest_first()) applied.insert(revision->id);
  for (const auto* revision : graph.upgrade_plan(current, "heads")) applied.erase(revision->id);
  for (const auto* revision : plan) {
    for (const auto& parent : revision->down_revisions) CHECK_MESSAGE(applied.contains(parent), revision->id);
    applied.insert(revision->id);
    current = Graph::heads_after_upgrade(current, *revision);
  }
  return current;
}

std::vector<std::string> run_downgrade(const Graph& graph, std::vector<std::string> current,
                                       const std::vector<const Revision*>& plan) {
  for (const auto* revision : plan) {
    CHECK_MESSAGE(std::find(current.begin(), current.end(), revision->id) != current.end(), revision->id);
    current = graph.heads_after_downgrade(current, *revision);
  }
  return current;
}

Error error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error;
  }
  FAIL("no error");
  return usage_error("unreachable");
}

fs::path graph_data(const std::string& name) { return fs::path(DBMIG_TEST_DATA) / "revisions" / "graph" / name; }

}  // namespace

TEST_CASE("graph: loads a versions directory") {
  const Graph graph = Graph::load(graph_data("linear"), naming);
  CHECK(graph.size() == 3);
  CHECK(graph.heads() == std::vector<std::string>{"c30000000000"});
  CHECK(graph.bases() == std::vector<std::string>{"a10000000000"});
  CHECK(ids(graph.newest_first()) == "c30000000000 b20000000000 a10000000000");
  CHECK(graph.get("b20000000000").message == "step b2");
  CHECK(graph.contains("a10000000000"));
  CHECK(!graph.contains("a1"));
}

TEST_CASE("graph: a broken versions directory is reported with the files at fault") {
  const Error duplicate = error_of([] { Graph::load(graph_data("duplicate"), naming); });
  CHECK(duplicate.code() == ExitCode::usage);
  CHECK(duplicate.message().find("aaaa00000000_first.yaml") != std::string::npos);
  CHECK(duplicate.message().find("bbbb00000000_copy.yaml") != std::string::npos);

  const Error missing = error_of([] { Graph::load(graph_data("missing_parent"), naming); });
  CHECK(missing.message() == "revision bbbb00000000 names down_revision ffff00000000, which no file has");
  CHECK(fs::path(missing.where()->file).filename() == "bbbb00000000_orphan.yaml");

  const Error cycle = error_of([] { Graph::load(graph_data("cycle"), naming); });
  CHECK(cycle.message().find("cycle") != std::string::npos);
  CHECK(cycle.message().find("bbbb00000000") != std::string::npos);
  CHECK(cycle.message().find("cccc00000000") != std::string::npos);

  const Error no_directory = error_of([] { Graph::load(graph_data("nowhere"), naming); });
  CHECK(no_directory.hint().find("dbmig init") != std::string::npos);
}

TEST_CASE("graph: resolve takes a full id, a unique prefix or a branch label") {
  const Graph graph = Graph::from_revisions({rev("3f2a9c1d7b4e"), rev("3f2b00000000", {"3f2a9c1d7b4e"}, {"blog"}),
                                             rev("77aa00000000", {"3f2b00000000"})});
  CHECK(graph.resolve("3f2a9c1d7b4e").id == "3f2a9c1d7b4e");
  CHECK(graph.resolve("3f2a").id == "3f2a9c1d7b4e");
  CHECK(graph.resolve("7").id == "77aa00000000");
  CHECK(graph.resolve("blog").id == "3f2b00000000");
  const Error ambiguous = error_of([&] { graph.resolve("3f2"); });
  CHECK(ambiguous.message() == "'3f2' matches several revisions: 3f2a9c1d7b4e, 3f2b00000000");
  const Error none = error_of([&] { graph.resolve("beef"); });
  CHECK(none.message() == "no revision matches 'beef'");
}

TEST_CASE("graph: upgrade plans on a chain") {
  const Graph graph = chain();
  CHECK(ids(graph.upgrade_plan({}, "heads")) == "r1 r2 r3 r4 r5");
  CHECK(ids(graph.upgrade_plan({}, "head")) == "r1 r2 r3 r4 r5");
  CHECK(ids(graph.upgrade_plan({"r2"}, "head")) == "r3 r4 r5");
  CHECK(ids(graph.upgrade_plan({"r2"}, "r4")) == "r3 r4");
  CHECK(ids(graph.upgrade_plan({"r2"}, "+2")) == "r3 r4");
  CHECK(ids(graph.upgrade_plan({}, "+2")) == "r1 r2");
  CHECK(ids(graph.upgrade_plan({}, "r2+1")) == "r1 r2 r3");
  CHECK(ids(graph.upgrade_plan({"r4"}, "r2")).empty());  // already applied
  CHECK(ids(graph.upgrade_plan({"r5"}, "heads")).empty());
  CHECK(ids(graph.upgrade_plan({"r5"}, "+0")).empty());

  CHECK(error_of([&] { graph.upgrade_plan({"r4"}, "+2"); }).message() ==
        "'+2' goes past the last revision: revision r5 has none above it");
  CHECK(error_of([&] { graph.upgrade_plan({}, "base"); }).message() == "'base' is a downgrade target");
  CHECK(error_of([&] { graph.upgrade_plan({}, "-1"); }).message() == "'-1' is a downgrade target");
  CHECK(error_of([&] { graph.upgrade_plan({}, "r3-1"); }).message() == "'r3-1' is a downgrade target");
  CHECK(error_of([&] { graph.upgrade_plan({}, "nothing"); }).message() == "no revision matches 'nothing'");
}

TEST_CASE("graph: downgrade plans on a chain") {
  const Graph graph = chain();
  CHECK(ids(graph.downgrade_plan({"r5"}, "base")) == "r5 r4 r3 r2 r1");
  CHECK(ids(graph.downgrade_plan({"r5"}, "-1")) == "r5");
  CHECK(ids(graph.downgrade_plan({"r5"}, "-2")) == "r5 r4");
  CHECK(ids(graph.downgrade_plan({"r5"}, "r3")) == "r5 r4");
  CHECK(ids(graph.downgrade_plan({"r5"}, "r3-1")) == "r5 r4 r3");
  CHECK(ids(graph.downgrade_plan({"r3"}, "r1-1")) == "r3 r2 r1");  // below the root is base
  CHECK(ids(graph.downgrade_plan({"r3"}, "r3")).empty());
  CHECK(ids(graph.downgrade_plan({}, "base")).empty());

  CHECK(error_of([&] { graph.downgrade_plan({"r2"}, "-3"); }).message() ==
        "'-3' goes below base: only 2 revision(s) are applied");
  CHECK(error_of([&] { graph.downgrade_plan({"r2"}, "r4"); }).message() == "cannot downgrade to r4: it is not applied");
  CHECK(error_of([&] { graph.downgrade_plan({"r2"}, "r1-2"); }).message() == "'r1-2' goes below base");
  CHECK(error_of([&] { graph.downgrade_plan({"r2"}, "+1"); }).message() == "'+1' is an upgrade target");
  CHECK(error_of([&] { graph.downgrade_plan({"r2"}, "heads"); }).message() == "'heads' is an upgrade target");
}

TEST_CASE("graph: a revision the database is at but no file has cannot be planned from") {
  const Error error = error_of([] { chain().upgrade_plan({"gone"}, "heads"); });
  CHECK(error.message() == "the database is at revision gone, which no file in migrations/versions has");
  CHECK(error.hint().find("dbmig stamp") != std::string::npos);
}

TEST_CASE("graph: branches") {
  const Graph graph = two_heads();
  CHECK(graph.heads() == std::vector<std::string>{"a2", "b2"});
  const Error ambiguous = error_of([&] { graph.upgrade_plan({}, "head"); });
  CHECK(ambiguous.message() == "'head' is ambiguous: the revisions have several heads (a2, b2)");
  CHECK(ambiguous.hint().find("dbmig merge") != std::string::npos);

  const auto everything = graph.upgrade_plan({}, "heads");
  CHECK(everything.size() == 5);
  CHECK(run_upgrade(graph, {}, everything) == std::vector<std::string>{"a2", "b2"});

  // One branch at a time; the other is left alone.
  CHECK(ids(graph.upgrade_plan({"a2"}, "b2")) == "b1 b2");
  CHECK(run_upgrade(graph, {"a2"}, graph.upgrade_plan({"a2"}, "b2")) == std::vector<std::string>{"a2", "b2"});
  CHECK(ids(graph.upgrade_plan({}, "feature@head")) == "root b1 b2");
  CHECK(ids(graph.downgrade_plan({"a2", "b2"}, "a1")) == "a2");
  CHECK(run_downgrade(graph, {"a2", "b2"}, graph.downgrade_plan({"a2", "b2"}, "a1")) ==
        std::vector<std::string>{"a1", "b2"});
  CHECK(run_downgrade(graph, {"a2", "b2"}, graph.downgrade_plan({"a2", "b2"}, "base")).empty());

  CHECK(error_of([&] { graph.upgrade_plan({}, "+2"); }).message() ==
        "'+2' is ambiguous: the way up from revision root forks (a1, b1)");
  CHECK(error_of([&] { graph.upgrade_plan({"a2", "b2"}, "+1"); }).message() ==
        "'+1' is ambiguous: the database is at several heads (a2, b2)");
  CHECK(error_of([&] { graph.downgrade_plan({"a2", "b2"}, "-1"); }).message() ==
        "'-1' is ambiguous: the database is at several heads (a2, b2)");
}

TEST_CASE("graph: a merge is applied after all its parents and reverted before any of them") {
  const Graph graph = branches_with_merge();
  CHECK(graph.heads() == std::vector<std::string>{"after"});
  CHECK(graph.bases() == std::vector<std::string>{"root"});
  const auto newest = graph.newest_first();
  CHECK(newest.front()->id == "after");
  CHECK(newest.back()->id == "root");

  const auto plan = graph.upgrade_plan({}, "head");
  CHECK(plan.size() == 7);
  CHECK(run_upgrade(graph, {}, plan) == std::vector<std::string>{"after"});

  // From one branch, the merge needs the other one first.
  CHECK(ids(graph.upgrade_plan({"a2"}, "merge")) == "b1 b2 merge");
  CHECK(ids(graph.upgrade_plan({"a2"}, "+1")) == "b1 b2 merge");
  CHECK(run_upgrade(graph, {"a2", "b1"}, graph.upgrade_plan({"a2", "b1"}, "heads")) ==
        std::vector<std::string>{"after"});

  // Down to a revision on one branch: what builds on it goes, the other branch stays.
  const auto down = graph.downgrade_plan({"after"}, "a1");
  CHECK(ids(down) == "after merge a2");
  CHECK(run_downgrade(graph, {"after"}, down) == std::vector<std::string>{"a1", "b2"});

  CHECK(ids(graph.downgrade_plan({"after"}, "-2")) == "after merge");
  CHECK(error_of([&] { graph.downgrade_plan({"after"}, "-3"); }).message() ==
        "'-3' is ambiguous: the database is at several heads (a2, b2)");
  CHECK(error_of([&] { graph.downgrade_plan({"after"}, "merge-1"); }).message() ==
        "'merge-1' is ambiguous: revision merge is a merge of a2, b2");
  CHECK(run_downgrade(graph, {"after"}, graph.downgrade_plan({"after"}, "base")).empty());
}

TEST_CASE("graph: heads after one step") {
  const Graph graph = branches_with_merge();
  CHECK(Graph::heads_after_upgrade({}, graph.get("root")) == std::vector<std::string>{"root"});
  CHECK(Graph::heads_after_upgrade({"a2", "b2"}, graph.get("merge")) == std::vector<std::string>{"merge"});
  CHECK(Graph::heads_after_upgrade({"a2", "root"}, graph.get("b1")) == std::vector<std::string>{"a2", "b1"});
  CHECK(graph.heads_after_downgrade({"merge"}, graph.get("merge")) == std::vector<std::string>{"a2", "b2"});
  CHECK(graph.heads_after_downgrade({"a1", "b1"}, graph.get("a1")) == std::vector<std::string>{"b1"});
  CHECK(graph.heads_after_downgrade({"root"}, graph.get("root")).empty());
}

TEST_CASE("graph: a chain of 10,000 revisions plans in linear time") {
  constexpr int count = 10000;
  std::vector<Revision> revisions;
  for (int i = 0; i < count; ++i) {
    char id[13];
    std::snprintf(id, sizeof id, "%012x", 0xabc00000 + i);
    revisions.push_back(i == 0 ? rev(id) : rev(id, {revisions.back().id}));
  }
  const std::string first = revisions.front().id, last = revisions.back().id;
  const Graph graph = Graph::from_revisions(std::move(revisions));
  CHECK(graph.heads() == std::vector<std::string>{last});

  const auto up = graph.upgrade_plan({}, "heads");
  REQUIRE(up.size() == count);
  CHECK(up.front()->id == first);
  CHECK(up.back()->id == last);
  CHECK(run_downgrade(graph, {last}, graph.downgrade_plan({last}, "base")).empty());
  CHECK(graph.upgrade_plan({first}, "+5").size() == 5);
  CHECK(graph.downgrade_plan({last}, "-3").size() == 3);
  CHECK(graph.newest_first().size() == count);
}
