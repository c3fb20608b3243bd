// The fast header scan against the YAML parser: wherever the scan reads a file, it must read
// exactly what the parser reads; where it is not sure, it must give up (and the graph then parses
// the file in full). Also: the graph loads steps and checksums only when asked.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "revision/graph.hpp"
#include "revision/header_scan.hpp"
#include "revision/revision.hpp"
#include "util/error.hpp"
#include "util/templates.hpp"

namespace {

using namespace dbmig;
using namespace dbmig::revision;
namespace fs = std::filesystem;

const schema::NamingConvention naming;

// The scan's reading of `text`, checked against the parser's when the scan reads it.
std::optional<Revision> scanned_and_checked(const std::string& text) {
  auto scanned = scan_header(text, "test.yaml");
  if (!scanned) return scanned;
  const Revision parsed = parse_revision(text, "test.yaml", naming);
  CHECK(scanned->id == parsed.id);
  CHECK(scanned->down_revisions == parsed.down_revisions);
  CHECK(scanned->message == parsed.message);
  CHECK(scanned->created_at == parsed.created_at);
  CHECK(scanned->transactional == parsed.transactional);
  CHECK(scanned->branch_labels == parsed.branch_labels);
  CHECK(scanned->upgrade.empty());
  return scanned;
}

std::string with_header(const std::string& header) { return header + "upgrade: []\ndowngrade: []\n"; }

}  // namespace

TEST_CASE("header scan: reads what dbmig writes, whatever the message holds") {
  const std::vector<std::string> messages = {"add posts",        "merge: a and b",  "it's \"quoted\" # not a comment",
                                             "tab\there",        "caf\xC3\xA9 \xE2\x9C\x93", "",
                                             "- starts a list?", "back\\slash",     "ends with colon:",
                                             "line\nbreak",      "null",            "true"};
  for (const auto& message : messages) {
    Revision revision;
    revision.id = "3f2a9c1d7b4e";
    revision.down_revisions = {"1a2b3c4d5e6f", "9f8e7d6c5b4a"};
    revision.message = message;
    revision.created_at = "2026-11-24T15:00:00Z";
    revision.branch_labels = {"blog", "feature-x"};
    revision.transactional = false;
    const std::string text = render_revision(revision, util::embedded_template("revision.yaml.tmpl"));
    INFO(text);
    const auto scanned = scanned_and_checked(text);
    REQUIRE(scanned.has_value());
    CHECK(scanned->message == message);
  }
}

TEST_CASE("header scan: plain styles people write by hand") {
  const std::vector<std::string> readable = {
      "revision: r1\ndown_revision: null\n",
      "revision: r1\ndown_revision: ~\n",
      "revision: r1\ndown_revision:\n",
      "revision: r1   # the id\ndown_revision: r0 # its parent\nmessage: plain words # a comment\n",
      "revision: 'r1'\ndown_revision: \"r0\"\nmessage: 'it''s'\n",
      "revision: r1\ndown_revision:\n  - a\n  - 'b'\n# between\n  - \"c\"\n",
      "revision: r1\ndown_revision:\n- a\n- b\n",
      "revision: r1\ndown_revision: [a, 'b', \"c\"]   # three\n",
      "revision: r1\ndown_revision: []\n",
      "revision: r1\ndown_revision: null\ntransactional: No\nbranch_labels: solo\n",
      "revision: r1\ndown_revision: null\ntransactional: TRUE\nbranch_labels: []\n",
      "revision: r1\ndown_revision: null\nmessage: \"\\u00e9\\x41\\t\\\"\\\\ \\/\"\n",
      "revision: r1\r\ndown_revision: null\r\nmessage: windows line endings\r\n",
      "# leading comment\n\nrevision: r1\ndown_revision: null\ncreated_at: 2026-01-02T03:04:05Z\n",
      "revision: r1\ndown_revision: null\nmessage: a#b is not a comment\n",
  };
  for (const auto& header : readable) {
    const std::string text = with_header(header);
    INFO(text);
    CHECK(scanned_and_checked(text).has_value());
  }

  // Steps in any form are skipped, header keys after them are read.
  const std::string steps_first =
      "upgrade:\n- sql: |\n    UPDATE t SET a = 1\n    message: not the header\n- add_column: {table: t, name: b, type: text}\n"
      "downgrade:\n  - drop_column: {table: t, name: b}\nrevision: r1\ndown_revision: r0\nmessage: after the steps\n";
  const auto scanned = scanned_and_checked(steps_first);
  REQUIRE(scanned.has_value());
  CHECK(scanned->message == "after the steps");
}

TEST_CASE("header scan: gives up on what it does not read for sure") {
  const std::vector<std::string> unsure = {
      "revision: r1\ndown_revision: null\nmessage: |\n  a block\n",
      "revision: r1\ndown_revision: null\nmessage: two\n  lines\n",
      "revision: r1\ndown_revision: null\nmessage: \"unterminated\n  quote\"\n",
      "revision: &id r1\ndown_revision: null\n",
      "---\nrevision: r1\ndown_revision: null\n",
      "{revision: r1, down_revision: null, upgrade: [], downgrade: []}\n",
      "revision: r1\ndown_revision: null\nrevison: typo\n",
      "revision: r1\nrevision: r2\ndown_revision: null\n",
      "revision: r1\ndown_revision: null\nmessage: a: b\n",
      "revision: r1\ndown_revision: [a, [b]]\n",
      "revision: r1\ndown_revision: null\ntransactional: maybe\n",
      "revision: r1\ndown_revision: null\nmessage: \"\\q unknown escape\"\n",
      "revision: r 1\ndown_revision: null\n",
      "down_revision: null\n",
      "revision: r1\n",
      "revision: r1\ndown_revision: null\n\tmessage: tab\n",
  };
  for (const auto& header : unsure) {
    INFO(header);
    CHECK_FALSE(scan_header(with_header(header), "test.yaml").has_value());
  }
  CHECK_FALSE(scan_header("revision: r1\ndown_revision: null\nupgrade: []\n", "test.yaml").has_value());  // no downgrade
  CHECK_FALSE(scan_header("\xEF\xBB\xBFrevision: r1\ndown_revision: null\nupgrade: []\ndowngrade: []\n", "x").has_value());

  // Control characters are the parser's to read or refuse: a NUL in a message (found by the
  // fuzz target: the scan and the parser read different messages), other C0 bytes, DEL, a lone CR.
  for (const char control : {'\0', '\x01', '\x1b', '\x7f', '\r'}) {
    const std::string header = std::string("revision: r1\ndown_revision: null\nmessage: ") + control + "tep a1\n";
    INFO(static_cast<int>(control));
    CHECK_FALSE(scan_header(with_header(header), "test.yaml").has_value());
    if (control != '\r')  // "\r\n" ends a line
      CHECK_FALSE(scan_header(with_header("revision: r1\ndown_revision: null\n") + "# a comment " + control + "\n",
                              "test.yaml")
                      .has_value());
  }
}

TEST_CASE("header scan: the repository's own revision files") {
  const fs::path root(DBMIG_SOURCE_DIR);
  for (const auto& directory : {root / "migrations_sample" / "versions", root / "tests" / "data" / "revisions" / "graph" / "linear"})
    for (const auto& entry : fs::directory_iterator(directory)) {
      std::ifstream file(entry.path(), std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
      INFO(entry.path().string());
      CHECK(scanned_and_checked(text).has_value());
    }
  std::ifstream full(root / "tests" / "data" / "revisions" / "parse" / "full.yaml", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(full)), std::istreambuf_iterator<char>());
  CHECK(scanned_and_checked(text).has_value());
}

TEST_CASE("graph: steps and checksums are read on first use only") {
  const fs::path directory = fs::temp_directory_path() / ("dbmig-lazy-" + new_revision_id());
  fs::create_directories(directory);
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(directory / name, std::ios::binary) << text;
  };
  write("a1_first.yaml", "revision: a1\ndown_revision: null\nmessage: first\nupgrade:\n  - sql: SELECT 1\ndowngrade: []\n");
  // Broken steps: loading the graph does not notice; asking for the steps does, with the place.
  write("b2_broken.yaml", "revision: b2\ndown_revision: a1\nmessage: broken\nupgrade:\n  - no_such_step: {}\ndowngrade: []\n");
  // A style the scan leaves to the parser: its steps come with it.
  write("c3_block.yaml", "revision: c3\ndown_revision: b2\nmessage: |\n  block\nupgrade:\n  - sql: SELECT 3\ndowngrade: []\n");

  const Graph graph = Graph::load(directory, naming);
  CHECK(graph.heads() == std::vector<std::string>{"c3"});
  CHECK(graph.get("a1").upgrade.empty());
  CHECK(graph.get("c3").upgrade.size() == 1);
  CHECK(graph.with_steps(graph.get("a1")).upgrade.size() == 1);
  CHECK(&graph.with_steps(graph.get("a1")) == &graph.get("a1"));
  try {
    graph.with_steps(graph.get("b2"));
    FAIL("broken steps were read");
  } catch (const Error& error) {
    CHECK(error.where()->file.find("b2_broken.yaml") != std::string::npos);
    CHECK(error.where()->line == 5);
  }
  // CRLF line endings do not change the checksum.
  const std::string checksum = graph.checksum(graph.get("a1"));
  CHECK(checksum.size() == 64);
  write("a1_first.yaml",
        "revision: a1\r\ndown_revision: null\r\nmessage: first\r\nupgrade:\r\n  - sql: SELECT 1\r\ndowngrade: []\r\n");
  CHECK(Graph::load(directory, naming).checksum(graph.get("a1")) == checksum);
  fs::remove_all(directory);
}

// The listing reads the directory with readdir (graph_files.cpp), and must take the same files as
// std::filesystem did: *.yaml regular files and links to them, in name order; not ".yaml" (a
// hidden file without extension), other extensions, directories or dangling links.
TEST_CASE("graph: the versions directory listing takes *.yaml files and links to them, in name order") {
  const fs::path directory = fs::temp_directory_path() / ("dbmig-listing-" + new_revision_id());
  const fs::path elsewhere = fs::temp_directory_path() / ("dbmig-listing-target-" + new_revision_id());
  fs::create_directories(directory);
  fs::create_directories(elsewhere);
  const auto revision_text = [](const std::string& id, const std::string& parent) {
    return "revision: " + id + "\ndown_revision: " + parent + "\nmessage: m\nupgrade: []\ndowngrade: []\n";
  };
  std::ofstream(directory / "b2_second.yaml", std::ios::binary) << revision_text("b2", "a1");
  std::ofstream(elsewhere / "a1.yaml", std::ios::binary) << revision_text("a1", "null");
  fs::create_symlink(elsewhere / "a1.yaml", directory / "a1_first.yaml");
  std::ofstream(directory / ".yaml", std::ios::binary) << "not: [a revision";
  std::ofstream(directory / "notes.yml", std::ios::binary) << "not: [a revision";
  std::ofstream(directory / "README", std::ios::binary) << "not a revision";
  fs::create_directories(directory / "old.yaml");
  fs::create_symlink(elsewhere / "gone.yaml", directory / "c3_dangling.yaml");

  const Graph graph = Graph::load(directory, naming);
  CHECK(graph.size() == 2);
  CHECK(graph.heads() == std::vector<std::string>{"b2"});
  CHECK(graph.get("a1").path.filename() == "a1_first.yaml");
  CHECK(graph.get("b2").path == directory / "b2_second.yaml");
  fs::remove_all(directory);
  fs::remove_all(elsewhere);
}
