// The limits on the YAML dbmig reads (model/yaml_limits.hpp): nesting checked on the text before
// any parser sees it, aliases bounded and cycles refused while the tree is built (yaml_load.hpp),
// yaml-cpp nodes handed in converted within them (tree_of), and the quick reader giving up past
// the depth rather than recursing on.
#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>

#include <yaml-cpp/yaml.h>

#include "error_capture.hpp"
#include "model/plain_yaml.hpp"
#include "model/yaml_limits.hpp"
#include "model/yaml_load.hpp"
#include "yaml_bad_inputs.hpp"

namespace {

using namespace dbmig;
using namespace dbmig::model;
using dbmig::test::billion_laughs;
using dbmig::test::contains;
using dbmig::test::error_of;
using dbmig::test::nested_brackets;
using dbmig::test::repeat;

std::string location(const Error& error) {
  REQUIRE(error.where());
  return error.where()->to_string();
}

Error scan_error(const std::string& text) {
  const auto error = error_of([&] { check_yaml_nesting(text, "m.yaml"); });
  REQUIRE_MESSAGE(error, "no error for:\n" << text.substr(0, 200));
  CHECK(error->code() == ExitCode::usage);
  return *error;
}

Error load_error(const std::string& text) {
  const auto error = error_of([&] { load_yaml_tree(text, "m.yaml"); });
  REQUIRE_MESSAGE(error, "no error for:\n" << text.substr(0, 200));
  CHECK(error->code() == ExitCode::usage);
  return *error;
}

// `levels` mappings, each indented one more than the one before.
std::string indented_mappings(std::size_t levels) {
  std::string text;
  for (std::size_t level = 0; level < levels; ++level)
    text += std::string(level, ' ') + "k" + std::to_string(level) + ":\n";
  return text + std::string(levels, ' ') + "end: 1\n";
}

}  // namespace

TEST_CASE("yaml limits: nesting up to the limit passes; the level past it is an error at its bracket") {
  CHECK_NOTHROW(check_yaml_nesting(nested_brackets("tables", max_yaml_depth - 1), "m.yaml"));
  const Error error = scan_error(nested_brackets("tables", max_yaml_depth));
  CHECK(location(error) == "m.yaml:1:264");  // `tables: ` is 8 columns, then the 256th bracket
  CHECK(contains(error.message(), "nested more than 256 levels"));
  CHECK(contains(error.hint(), "unclosed '[' or '{'"));
  CHECK(location(scan_error(nested_brackets("tables", 49'000))) == "m.yaml:1:264");
  CHECK(location(scan_error("a: {b: " + repeat("[{c: ", 200) + "\n")) == "m.yaml:1:" + std::to_string(7 + 5 * 127 + 1));
}

TEST_CASE("yaml limits: block nesting counts by indentation, and by '- ' repeated on one line") {
  CHECK_NOTHROW(check_yaml_nesting(repeat("- ", max_yaml_depth) + "x\n", "m.yaml"));
  CHECK(location(scan_error(repeat("- ", max_yaml_depth + 1) + "x\n")) == "m.yaml:1:513");
  CHECK(location(scan_error("upgrade:\n  " + repeat("- ", 49'000) + "x\n")) == "m.yaml:2:513");
  CHECK(location(scan_error(repeat("? ", 300) + "x\n")) == "m.yaml:1:513");

  CHECK_NOTHROW(check_yaml_nesting(indented_mappings(max_yaml_depth - 1), "m.yaml"));
  CHECK(location(scan_error(indented_mappings(300))) == "m.yaml:257:257");

  // Siblings, a list at its key's indentation, and lines back out do not add up.
  std::string wide;
  for (int i = 0; i < 1000; ++i) wide += "t" + std::to_string(i) + ":\n- a: 1\n  b: [x, {y: z}]\n- - q\n  - r\n";
  CHECK(check_yaml_nesting(wide, "m.yaml").written_nodes > 10'000);
}

TEST_CASE("yaml limits: brackets in quotes, comments and block scalars are not nesting") {
  const std::string deep = repeat("[{", 300);
  for (const std::string& text : {
           "sql: \"" + deep + "\"\n",
           "sql: '" + deep + "'\n",
           "sql: \"a \\\" " + deep + "\"\n",
           "sql: 'it''s " + deep + "'\n",
           "# " + deep + "\nsql: x\n",
           "sql: x # " + deep + "\n",
           "sql: x" + deep + "\n",
           "sql: |\n  " + deep + "\n\n  more\nnext: 1\n",
           "- sql: >-\n    " + deep + "\n  next: 1\n",
           "a: [\"" + deep + "\", '" + deep + "', x # " + deep + "\n  ]\n",
           "a: [\"two\n  lines " + deep + "\"]\n",
       }) {
    INFO(text);
    CHECK_NOTHROW(check_yaml_nesting(text, "m.yaml"));
  }
  // Brackets after a block scalar ends count again.
  CHECK(location(scan_error("sql: |\n  [[[\nnext: " + repeat("[", 300) + "\n")) == "m.yaml:3:262");
}

TEST_CASE("yaml limits: the scan counts the values written, and the budget follows them") {
  CHECK(check_yaml_nesting("a: [1, 2, {b: c}]\n", "m.yaml").written_nodes == 8);
  CHECK(check_yaml_nesting("- x\n- y: z\n  w: 'q'\n", "m.yaml").written_nodes == 7);
  CHECK(expanded_node_limit(YamlTextShape{10}) == min_expanded_node_limit);
  CHECK(expanded_node_limit(YamlTextShape{50'000}) == 500'000);
}

TEST_CASE("yaml limits: any text is scanned, parsed and quick-read without a crash, a hang or a stray exception") {
  // A small fuzz of YAML's indicators: each reader either reads the text or says what is wrong.
  std::mt19937 random(12);
  const std::string alphabet = "[]{}-?:,&*!|>'\"#\\ \n\ta1";
  std::size_t texts = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text(random() % 60, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    try {
      check_yaml_nesting(text, "f.yaml");
      load_yaml_tree(text, "f.yaml");
    } catch (const Error&) {
    }
    read_plain_yaml(text);
    ++texts;
  }
  CHECK(texts == 4000);
}

TEST_CASE("yaml load: an alias inside the value it refers to is an error at the alias") {
  struct Case {
    std::string text;
    std::string location;
    std::string alias;
  };
  for (const Case& c : {Case{"a: &a [*a]\n", "m.yaml:1:8", "'*a'"},
                        Case{"a: &a {b: *a}\n", "m.yaml:1:11", "'*a'"},
                        Case{"- &x\n  - 1\n  - [[*x]]\n", "m.yaml:3:7", "'*x'"},
                        Case{"tables:\n  users: &users\n    columns:\n      friend: *users\n", "m.yaml:4:15",
                             "'*users'"}}) {
    INFO(c.text);
    const Error error = load_error(c.text);
    CHECK(location(error) == c.location);
    CHECK(contains(error.message(), "YAML alias " + c.alias + " is inside the value it refers to"));
    CHECK(contains(error.hint(), "move the alias out"));
  }
}

TEST_CASE("yaml load: a billion laughs stops at the alias that passes the limit, at once") {
  const auto started = std::chrono::steady_clock::now();
  const Error error = load_error(billion_laughs());
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK(location(error) == "m.yaml:5:45");  // the 8th alias of l4 (11,111 values each) passes 100,000
  CHECK(contains(error.message(), "YAML aliases expand to more than 100000 values"));
  CHECK(contains(error.hint(), "at most 10 times the values written"));
  // It took 18.8 s and 2.2 GB at 10^7 values before the limit; now the work stops at 10^5.
  CHECK(took < std::chrono::seconds(2));
}

TEST_CASE("yaml load: the budget grows with the values written in the file") {
  // 20,000 values written, expanded by aliases to 120,000: past the least budget, within ten
  // times the file's own.
  std::string base = "base: &b [v";
  for (int i = 1; i < 20'000; ++i) base += ", v";
  base += "]\n";
  const YamlNode tree = load_yaml_tree(base + "copies: [*b, *b, *b, *b, *b]\n", "m.yaml");
  REQUIRE(tree.items.size() == 2);
  CHECK(tree.items[1].items.size() == 5);
  CHECK(tree.items[1].items[4].items.size() == 20'000);
  const Error error = load_error(base + "copies: [" + repeat("*b, ", 20) + "*b]\n");
  CHECK(contains(error.message(), "more than 200"));  // 10 x the values written, some 200,000
}

TEST_CASE("yaml load: an alias may not carry nesting past the limit") {
  // Each within the limit as written; the alias would put the anchor's 200 levels under 101.
  const std::string text = "deep: &d " + repeat("[", 200) + repeat("]", 200) + "\n" + "b: " + repeat("[", 100) + "*d" +
                           repeat("]", 100) + "\n";
  const Error error = load_error(text);
  CHECK(location(error) == "m.yaml:2:104");
  CHECK(contains(error.message(), "nested more than 256 levels"));
}

TEST_CASE("yaml load: an alias is a copy of its anchor's value, positions included") {
  const YamlNode tree = load_yaml_tree(
      "base: &b {type: integer, nullable: false}\n"
      "outer:\n"
      "  inner: &i [1, &one 2, [*b]]\n"
      "  again: *i\n"
      "later: [*i, *one, *b]\n"
      "&k key: *b\n"
      "*k : 3\n"
      "redefined: &b 4\n"
      "last: *b\n",
      "m.yaml");
  REQUIRE(tree.is_mapping());
  REQUIRE(tree.items.size() == 7);
  const YamlNode& base = tree.items[0];
  const YamlNode& inner = tree.items[1].items[0];
  const YamlNode& again = tree.items[1].items[1];
  CHECK(again.items.size() == 3);
  CHECK(again.line == inner.line);
  CHECK(again.column == inner.column);
  CHECK(again.items[2].items[0].keys[1].text == "nullable");
  const YamlNode& later = tree.items[2];
  CHECK(later.items[0].items[1].text == "2");
  CHECK(later.items[1].text == "2");
  CHECK(later.items[2].keys[0].text == base.keys[0].text);
  CHECK(later.items[2].items[0].line == 1);
  CHECK(tree.keys[4].text == "key");  // an alias as a key
  CHECK(tree.items[3].items.size() == 2);
  CHECK(tree.items[6].text == "4");   // the newest anchor of a name
}

TEST_CASE("yaml load: a syntax error is reported at yaml-cpp's mark") {
  const Error error = load_error("a: [1, 2\nb: 3\n");
  CHECK(contains(error.message(), "YAML syntax error"));
  CHECK(error.where()->file == "m.yaml");
}

TEST_CASE("yaml tree_of: a yaml-cpp node inside itself, or one expanding too far, is an error") {
  const auto cycle = error_of([] { tree_of(YAML::Load("a: &a [*a]\n"), "m.yaml"); });
  REQUIRE(cycle);
  CHECK(contains(cycle->message(), "is inside the value it refers to"));
  CHECK(cycle->where()->file == "m.yaml");
  const auto laughs = error_of([] { tree_of(YAML::Load(billion_laughs()), "m.yaml"); });
  REQUIRE(laughs);
  CHECK(contains(laughs->message(), "more than 100000 values"));
}

TEST_CASE("plain yaml: past the nesting limit it gives up, for the full parse to say so") {
  CHECK(read_plain_yaml(nested_brackets("tables", max_yaml_depth - 1)));
  CHECK_NOTHROW(load_yaml_tree(nested_brackets("tables", max_yaml_depth - 1), "m.yaml"));
  CHECK_FALSE(read_plain_yaml(nested_brackets("tables", max_yaml_depth)));
  CHECK_FALSE(read_plain_yaml(nested_brackets("tables", 49'000)));  // a stack overflow before
  CHECK_FALSE(read_plain_yaml("a: {b: " + repeat("{c: ", 300) + "1" + repeat("}", 301) + "\n"));
  CHECK(read_plain_yaml(indented_mappings(max_yaml_depth - 1)));
  CHECK_FALSE(read_plain_yaml(indented_mappings(max_yaml_depth)));
}
