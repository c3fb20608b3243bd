// The YAML of issue 12 through each reader of a user's files: models (load_string), dbmig.yaml
// (load_config) and revision files (parse_revision). Before the limits, an alias inside its own
// value and nesting 49,000 deep crashed them (SIGSEGV), 30,000-deep nesting said only "bad file",
// and a billion laughs ran until the memory ran out. Each is now a usage error at the alias or
// bracket where the limit is crossed.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "error_capture.hpp"
#include "model/model.hpp"
#include "revision/revision.hpp"
#include "scratch_project.hpp"
#include "yaml_bad_inputs.hpp"

namespace {

using namespace dbmig;
using dbmig::test::billion_laughs;
using dbmig::test::contains;
using dbmig::test::error_of;
using dbmig::test::nested_brackets;

const schema::NamingConvention naming;

// A reader: the file text, whose first lines are `prefix`, to the error reading it gave.
struct Reader {
  const char* name;
  std::string prefix;  // what the reader needs before the bad part
  std::function<std::optional<Error>(const std::string& text)> read;
};

std::vector<Reader> readers() {
  return {
      Reader{"models", "",
             [](const std::string& text) {
               return error_of([&] { model::load_string(text, "models.yaml", naming); });
             }},
      Reader{"dbmig.yaml", "database_url: sqlite:///app.db\nmodels: models.yaml\n",
             [](const std::string& text) {
               const test::ScratchProject project(text);
               return error_of([&] { config::load_config(project.overrides()); });
             }},
      Reader{"revision file", "revision: a1\ndown_revision: null\nupgrade: []\ndowngrade: []\n",
             [](const std::string& text) {
               return error_of([&] { revision::parse_revision(text, "a1_bad.yaml", naming); });
             }},
  };
}

int lines_in(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

// The error's place as "line:column", its file checked apart (a scratch directory's differs).
std::string place(const Error& error) {
  REQUIRE(error.where());
  return std::to_string(error.where()->line) + ":" + std::to_string(error.where()->column);
}

void check_error(const Reader& reader, const std::string& bad, int line, int column, const std::string& message) {
  INFO(reader.name);
  const auto error = reader.read(reader.prefix + bad);
  REQUIRE(error);
  CHECK(error->code() == ExitCode::usage);
  CHECK(place(*error) == std::to_string(lines_in(reader.prefix) + line) + ":" + std::to_string(column));
  CHECK(contains(error->message(), message));
  CHECK_FALSE(error->hint().empty());
}

}  // namespace

TEST_CASE("yaml limits in every reader: an alias inside its own value is an error at the alias") {
  for (const Reader& reader : readers())
    check_error(reader, "extra: &x\n  - 1\n  - *x\n", 3, 5, "YAML alias '*x' is inside the value it refers to");
}

TEST_CASE("yaml limits in every reader: nesting 49,000 deep is an error at the bracket past the limit") {
  for (const Reader& reader : readers())
    check_error(reader, nested_brackets("extra", 49'000), 1, 263, "YAML nested more than 256 levels deep");
}

TEST_CASE("yaml limits in every reader: a billion laughs is an error at the alias that passes the limit") {
  for (const Reader& reader : readers())
    check_error(reader, billion_laughs(), 5, 45, "YAML aliases expand to more than 100000 values");
}
