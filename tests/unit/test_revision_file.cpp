// Revision files: reading them (with exact error locations), rendering new ones from the
// template, and the small helpers around them (ids, slugs, checksums).
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "revision/revision.hpp"
#include "revision/sha256.hpp"
#include "util/error.hpp"
#include "util/templates.hpp"

namespace {

using namespace dbmig;
using namespace dbmig::revision;
namespace fs = std::filesystem;

const schema::NamingConvention naming;

fs::path data(const std::string& name) { return fs::path(DBMIG_TEST_DATA) / "revisions" / "parse" / name; }

Error read_error(const std::string& name) {
  try {
    read_revision_file(data(name), naming);
  } catch (const Error& error) {
    return error;
  }
  FAIL("no error reading " << name);
  return usage_error("unreachable");
}

std::string location(const Error& error) {
  REQUIRE(error.where());
  // Relative to the data directory, so that the test does not depend on where the tree is.
  return fs::path(error.where()->file).filename().string() + ":" + std::to_string(error.where()->line) + ":" +
         std::to_string(error.where()->column);
}

}  // namespace

TEST_CASE("revision file: every key is read") {
  const Revision revision = read_revision_file(data("full.yaml"), naming);
  CHECK(revision.id == "3f2a9c1d7b4e");
  CHECK(revision.down_revisions == std::vector<std::string>{"1a2b3c4d5e6f", "9f8e7d6c5b4a"});
  CHECK(revision.message == "merge: posts and tags");
  CHECK(revision.created_at == "2026-11-24T15:00:00Z");
  CHECK(!revision.transactional);
  CHECK(revision.branch_labels == std::vector<std::string>{"blog"});
  REQUIRE(revision.upgrade.size() == 3);
  CHECK(ops::kind_name(revision.upgrade[0]) == "create_table");
  CHECK(ops::kind_name(revision.upgrade[2]) == "sql");
  REQUIRE(revision.downgrade.size() == 2);
  CHECK(std::get<ops::DropTable>(revision.downgrade[1]).table.name == "posts");
  CHECK(revision.path == data("full.yaml"));
  CHECK(revision.checksum.size() == 64);
}

TEST_CASE("revision file: a root and a single parent") {
  const auto root = parse_revision("revision: a1\ndown_revision: null\nupgrade: []\ndowngrade:\n", "r.yaml", naming);
  CHECK(root.down_revisions.empty());
  CHECK(root.transactional);
  CHECK(root.downgrade.empty());
  const auto child = parse_revision("revision: b2\ndown_revision: a1\nupgrade: []\ndowngrade: []\n", "r.yaml", naming);
  CHECK(child.down_revisions == std::vector<std::string>{"a1"});
}

TEST_CASE("revision file: mistakes are reported at file:line:column") {
  SUBCASE("a misspelt key") {
    const Error error = read_error("unknown_key.yaml");
    CHECK(location(error) == "unknown_key.yaml:2:1");
    CHECK(error.message().find("down_revison") != std::string::npos);
    CHECK(error.hint().find("down_revision") != std::string::npos);
  }
  SUBCASE("no down_revision") {
    const Error error = read_error("missing_down_revision.yaml");
    CHECK(location(error) == "missing_down_revision.yaml:1:1");
    CHECK(error.message().find("down_revision") != std::string::npos);
  }
  SUBCASE("a misspelt key deep in a step") {
    const Error error = read_error("bad_step.yaml");
    CHECK(location(error) == "bad_step.yaml:7:48");
    CHECK(error.hint().find("nullable") != std::string::npos);
  }
  SUBCASE("not YAML") {
    const Error error = read_error("bad_yaml.yaml");
    CHECK(error.code() == ExitCode::usage);
    CHECK(error.where()->line > 0);
  }
  SUBCASE("steps that are not a list") {
    const Error error = read_error("steps_not_a_list.yaml");
    CHECK(location(error) == "steps_not_a_list.yaml:4:3");
  }
  SUBCASE("a file that cannot be read") {
    const Error error = read_error("no_such_file.yaml");
    CHECK(error.message().find("no_such_file.yaml") != std::string::npos);
  }
}

TEST_CASE("revision file: a leading comment header keeps mistakes at their own line") {
  // The leading comment lines are emptied before yaml-cpp reads the file (they cost most of its
  // time); positions must not move, and a '#' inside a value later on is not a comment.
  const std::string header = "# a header\n#\n\n  # indented comment\n";
  const auto parsed = parse_revision(header + "revision: a1\ndown_revision: null\nmessage: \"# not a comment\"\n"
                                     "upgrade:\n  - sql: \"SELECT '#'\"\ndowngrade: []\n", "r.yaml", naming);
  CHECK(parsed.message == "# not a comment");
  CHECK(parsed.checksum == revision::checksum_of(header + "revision: a1\ndown_revision: null\nmessage: \"# not a "
                                                 "comment\"\nupgrade:\n  - sql: \"SELECT '#'\"\ndowngrade: []\n"));
  try {
    parse_revision(header + "revision: a1\ndown_revision: null\nupgrade: []\ndowngrade: []\nbogus: 1\n", "r.yaml", naming);
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(location(error) == "r.yaml:9:1");
  }
  CHECK_THROWS_AS(parse_revision("# only a comment\n", "r.yaml", naming), Error);
}

TEST_CASE("revision file: rendered with the template, it reads back the same") {
  Revision revision = parse_revision(
      "revision: 3f2a9c1d7b4e\n"
      "down_revision: [1a2b3c4d5e6f, 9f8e7d6c5b4a]\n"
      "upgrade:\n"
      "  - create_table: {name: posts, columns: {id: {type: integer, primary_key: true}}}\n"
      "  - add_column: {table: users, name: age, type: integer}\n"
      "  - alter_column: {table: users, name: bio, default: null, existing_type: text}\n"
      "downgrade:\n"
      "  - fail: \"the downgrade of a raw SQL step cannot be derived\"\n",
      "in.yaml", naming);
  revision.message = "add posts: \"quoted\", # not a comment\nsecond line";
  revision.created_at = "2026-11-24T15:00:00Z";
  revision.transactional = false;
  revision.branch_labels = {"blog"};
  const std::string text = render_revision(revision, util::embedded_template("revision.yaml.tmpl"),
                                           {"dropping 'users.email' loses its data", "two\nlines"});
  CAPTURE(text);
  CHECK(text.find("\nupgrade:\n  - create_table:\n      name: posts\n") != std::string::npos);
  CHECK(text.find("\n# WARNING: dropping 'users.email' loses its data\n# WARNING: two\n#   lines\n") !=
        std::string::npos);
  CHECK(text.find(" \n") == std::string::npos);  // no trailing blanks

  const Revision back = parse_revision(text, "out.yaml", naming);
  CHECK(back.id == revision.id);
  CHECK(back.down_revisions == revision.down_revisions);
  CHECK(back.message == revision.message);
  CHECK(back.created_at == revision.created_at);
  CHECK(back.transactional == revision.transactional);
  CHECK(back.branch_labels == revision.branch_labels);
  CHECK(back.upgrade == revision.upgrade);
  CHECK(back.downgrade == revision.downgrade);
}

TEST_CASE("revision file: an empty revision renders empty lists and drops unused lines") {
  Revision revision;
  revision.id = "000000000001";
  revision.message = "yes";  // a YAML 1.1 boolean if it were not quoted
  const std::string text = render_revision(revision, util::embedded_template("revision.yaml.tmpl"));
  CHECK(text.find("\ndown_revision: null\nmessage: \"yes\"\ncreated_at: null\ntransactional: true\nupgrade: []\n"
                  "downgrade: []\n") != std::string::npos);
  CHECK(text.find("WARNING") == std::string::npos);
  CHECK(text.find("branch_labels") == std::string::npos);
  const Revision back = parse_revision(text, "out.yaml", naming);
  CHECK(back.id == "000000000001");
  CHECK(back.message == "yes");
}

TEST_CASE("revision file: a template saved with CRLF line endings renders plain lines") {
  Revision revision;
  revision.id = "a1";
  const std::string text = render_revision(
      revision, "revision: ${revision}\r\n${warnings}\r\ndown_revision: ${down_revision}\r\nupgrade: ${upgrade}\r\n"
                "downgrade: ${downgrade}\r\n");
  CHECK(text == "revision: a1\ndown_revision: null\nupgrade: []\ndowngrade: []\n");
}

TEST_CASE("revision file: an unknown placeholder in a project's template is reported with its place") {
  Revision revision;
  revision.id = "a1";
  try {
    render_revision(revision, "revision: ${revision}\nmessage: ${mesage}\n");
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.where()->to_string() == "revision.yaml.tmpl:2:10");
    CHECK(error.hint().find("'message'") != std::string::npos);
  }
}

TEST_CASE("revision ids are 12 random hex digits") {
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    const std::string id = new_revision_id();
    CHECK(id.size() == 12);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    ids.insert(id);
  }
  CHECK(ids.size() == 100);
}

TEST_CASE("slugify makes a file-name-safe slug of a message") {
  CHECK(slugify("create users and posts") == "create_users_and_posts");
  CHECK(slugify("  Add Index: users(email)!! ") == "add_index_users_email");
  CHECK(slugify("naïve café") == "na_ve_caf");
  CHECK(slugify("a very long message that goes on and on and on forever") == "a_very_long_message_that_goes_on_and_on");
  CHECK(slugify("!!!") == "revision");
}

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths around the padding boundary (55, 56, 64 bytes).
  CHECK(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("a checksum ignores CRLF line endings, not content") {
  CHECK(checksum_of("a: 1\r\nb: 2\r\n") == checksum_of("a: 1\nb: 2\n"));
  CHECK(checksum_of("a: 1\nb: 2\n") != checksum_of("a: 1\nb: 3\n"));
  CHECK(checksum_of("abc") == sha256_hex("abc"));
}
