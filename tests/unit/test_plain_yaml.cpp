// The quick reader of revision and models files (model/plain_yaml.hpp) must build exactly the
// tree yaml-cpp builds, or give up: checked on every such file in the tree and on each form it
// reads, and it must give up on the forms it does not read.
#include <doctest/doctest.h>

#include <filesystem>
#include <initializer_list>
#include <fstream>
#include <sstream>

#include "model/plain_yaml.hpp"
#include "model/yaml_load.hpp"
#include "util/error.hpp"

namespace {

using dbmig::model::read_plain_yaml;

using dbmig::model::YamlNode;

// The same shape, the same scalars, the same key order, the same positions: a node the quick
// reader gives a position sits where yaml-cpp's mark puts it (a null it leaves unplaced, to be
// reported at its key or item).
bool same_tree(const YamlNode& quick, const YamlNode& parsed) {
  if (quick.kind != parsed.kind || quick.text != parsed.text || quick.items.size() != parsed.items.size() ||
      quick.keys.size() != parsed.keys.size())
    return false;
  if ((quick.line != 0 || !quick.is_null()) && (quick.line != parsed.line || quick.column != parsed.column)) return false;
  for (std::size_t i = 0; i < quick.items.size(); ++i)
    if (!same_tree(quick.items[i], parsed.items[i])) return false;
  for (std::size_t i = 0; i < quick.keys.size(); ++i)
    if (!same_tree(quick.keys[i], parsed.keys[i])) return false;
  return true;
}

YamlNode parsed(const std::string& text) { return dbmig::model::load_yaml_tree(text, "test.yaml"); }

// Read, and when read, as yaml-cpp reads it.
bool reads_like_yaml_cpp(const std::string& text) {
  const auto quick = read_plain_yaml(text);
  if (!quick) return false;
  const bool same = same_tree(*quick, parsed(text));
  if (!same) FAIL_CHECK("different tree for:\n" << text);
  return same;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Calls `check` with the text of every .yaml file under the folders (relative to the source tree).
template <class Check>
void for_each_yaml_file(std::initializer_list<const char*> folders, Check check) {
  for (const char* folder : folders) {
    const std::filesystem::path root = std::filesystem::path(DBMIG_SOURCE_DIR) / folder;
    if (!std::filesystem::exists(root)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".yaml") continue;
      INFO(entry.path().string());
      check(read_text(entry.path()));
    }
  }
}

bool loads_with_yaml_cpp(const std::string& text) {
  try {
    YAML::Load(text);
  } catch (const YAML::Exception&) {
    return false;
  }
  return true;
}

// The same tree, exactly: kinds, texts, styles, positions.
bool identical(const YamlNode& a, const YamlNode& b) {
  if (a.kind != b.kind || a.style != b.style || a.line != b.line || a.column != b.column || a.text != b.text ||
      a.items.size() != b.items.size() || a.keys.size() != b.keys.size())
    return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!identical(a.items[i], b.items[i])) return false;
  for (std::size_t i = 0; i < a.keys.size(); ++i)
    if (!identical(a.keys[i], b.keys[i])) return false;
  return true;
}

}  // namespace

TEST_CASE("plain yaml: every revision and models file in the tree reads as yaml-cpp reads it") {
  std::size_t read = 0;
  for_each_yaml_file({"tests/data/revisions", "tests/data/models", "migrations_sample", "examples", "templates"},
                     [&](const std::string& text) {
                       const auto quick = read_plain_yaml(text);
                       if (!loads_with_yaml_cpp(text)) {
                         CHECK_FALSE(quick);  // what yaml-cpp cannot read, this does not read either
                         return;
                       }
                       if (quick) {
                         CHECK(same_tree(*quick, parsed(text)));
                         ++read;
                       }
                     });
  CHECK(read >= 8);  // the generated style is read, not left to yaml-cpp
}

// The full parse builds its tree from yaml-cpp's events (yaml_load.hpp): it must be the tree
// yaml-cpp's own nodes convert to, aliases expanded, for every file yaml-cpp reads.
TEST_CASE("full parse: every YAML file in the tree builds the tree of yaml-cpp's nodes") {
  std::size_t compared = 0;
  const auto compare = [&](const std::string& text) {
    if (!loads_with_yaml_cpp(text)) {
      CHECK_THROWS_AS(dbmig::model::load_yaml_tree(text, "f.yaml"), dbmig::Error);
      return;
    }
    CHECK(identical(dbmig::model::load_yaml_tree(text, "f.yaml"), dbmig::model::tree_of(YAML::Load(text), "f.yaml")));
    ++compared;
  };
  // Not tests/data/bad: its files are past the limits on purpose (test_yaml_limits*.cpp).
  for_each_yaml_file({"tests/data/autogen", "tests/data/config", "tests/data/diff", "tests/data/models",
                      "tests/data/revisions", "tests/data/sqlite", "migrations_sample", "examples", "templates"},
                     compare);
  for (const char* text : {"a: &x {b: [1, 2], c: ~}\nd: *x\ne: [*x, {f: *x}]\n",
                           "- &s !!str 1\n- *s\n- ? &k [a]\n  : *k\n",
                           "a: |\n  text\nb: >-\n  folded\n", "---\na: 1\n...\n", "", "# nothing\n"})
    compare(text);
  CHECK(compared >= 50);
  // A second document is refused (model loader tests), never silently dropped.
  CHECK_THROWS_AS(dbmig::model::load_yaml_tree("---\na: 1\n---\nb: 2\n", "f.yaml"), dbmig::Error);
}

TEST_CASE("plain yaml: the forms it reads") {
  CHECK(reads_like_yaml_cpp("# header\nrevision: 3f2a\ndown_revision: null\nmessage: \"a \\\"quoted\\\" \\\\ one: #x\"\n"
                            "created_at: 2026-11-24T15:00:00Z\ntransactional: true\nbranch_labels: []\n"));
  CHECK(reads_like_yaml_cpp("upgrade:\n  - create_table:\n      name: t\n      columns:\n        id: {type: integer}\n"
                            "        name: {type: string(80), nullable: false, default: 'it''s'}\n"
                            "      primary_key: {name: pk_t, columns: [id]}\n  - drop_table: t\ndowngrade: []\n"));
  CHECK(reads_like_yaml_cpp("upgrade:\n- sql: SELECT a, b FROM t WHERE c = 'x'\n- sql:\n    sqlite: SELECT 1\n"
                            "    postgresql: \"SELECT 2\"\ndowngrade:\n"));
  CHECK(reads_like_yaml_cpp("a: ~\nb:\nc: [1, -2, x y, \"q\", 'r', {k: v}, []]\nd: {}\ne: http://x.org/a\n"));
  CHECK(reads_like_yaml_cpp("list:\n  -\n    a: 1\n  - [x]\n  - null\n"));
}

TEST_CASE("plain yaml: CRLF line endings read as LF ones") {
  const auto crlf = read_plain_yaml("a: 1\r\nb: [x, y]\r\n");
  const auto lf = read_plain_yaml("a: 1\nb: [x, y]\n");
  REQUIRE(crlf);
  REQUIRE(lf);
  CHECK(crlf->keys.size() == lf->keys.size());
  CHECK(crlf->items.at(1).items.size() == 2);
}

TEST_CASE("plain yaml: it leaves everything else to yaml-cpp") {
  CHECK_FALSE(read_plain_yaml(std::string_view("a: x\0y\n", 7)));  // a NUL inside a value
  for (const char* text : {
           "sql: |\n  SELECT 1\n",                   // block scalar
           "a: &x 1\nb: *x\n",                        // anchor and alias
           "a: !!str 1\n",                            // tag
           "a: 1 # comment\n",                        // comment after a value
           "a: [1,\n  2]\n",                          // flow over two lines
           "a: \"two\n  lines\"\n",                   // quoted over two lines
           "a: plain\n  continued\n",                 // plain over two lines
           "a: 1\na: 2\n",                            // duplicate key
           "a: {b: 1, b: 2}\n",                       // duplicate flow key
           "\"quoted key\": 1\n",                     // quoted key
           "a:\n\t- 1\n",                             // tab
           "---\na: 1\n",                             // document marker
           "a: \"\\u00e9\"\n",                        // escape it does not decode
           "a: b: c\n",                               // nested on one line
           "",                                        // empty document
           "- a\n  - b\n",                            // a deeper line after a scalar item
           "-\r",                                     // a lone carriage return (found by fuzzing)
           "a: [x]\r",                                // one after a flow collection
           "a: 1\rb: 2\n",                            // one inside the text
           "a: x\001y\n",                             // another control character (fuzzing found a NUL)
           "NULL: a\n",                               // a null key, not the name NULL (found by fuzzing)
           "a: {b: us?rs.id}\n",                      // '?' in a flow plain scalar: yaml-cpp refuses it
           "a: [x?y]\n",                              // (found by fuzzing)
           "a: {b:{c: 1}}\n",                         // no blank after a flow key's ':' (found by fuzzing)
           "a: {b:[1]}\n",
           "a:\n  null: 1\n",                         // nested
           "- Null: 1\n",                             // in a sequence item
           "a: {null: 1}\n",                          // in a flow mapping
       }) {
    INFO(text);
    CHECK_FALSE(read_plain_yaml(text));
  }
}
