// migrations_sample/ holds the revisions autogenerate wrote for examples/blog. Regenerating them
// from the example must give the same operations, so the committed sample cannot drift.
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include "harness.hpp"
#include "ops/yaml.hpp"
#include "revision/revision.hpp"

namespace dbmig::test {

namespace {

namespace fs = std::filesystem;

// The ops of a revision file as YAML text: ids and timestamps left out.
std::string ops_text(const fs::path& file) {
  const auto revision = revision::read_revision_file(file, schema::NamingConvention{});
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "upgrade" << YAML::Value << YAML::BeginSeq;
  for (const auto& op : revision.upgrade) out << ops::to_yaml(op);
  out << YAML::EndSeq << YAML::Key << "downgrade" << YAML::Value << YAML::BeginSeq;
  for (const auto& op : revision.downgrade) out << ops::to_yaml(op);
  out << YAML::EndSeq << YAML::EndMap;
  return out.c_str();
}

fs::path sample(const std::string& name) { return fs::path(DBMIG_SOURCE_DIR) / "migrations_sample" / "versions" / name; }
fs::path example(const std::string& name) { return fs::path(DBMIG_SOURCE_DIR) / "examples" / "blog" / name; }

}  // namespace

TEST_CASE("regenerating migrations_sample from examples/blog gives the committed operations") {
  auto database = make_database("sqlite");
  Project project(database->url());

  project.write("models.yaml", read_file(example("models.yaml")));
  REQUIRE(project.run({"migrate", "-m", "create users and posts"}).code == 0);
  REQUIRE(project.revision_files().size() == 1);
  CHECK(ops_text(project.revision_files()[0]) == ops_text(sample("541dabe0b718_create_users_and_posts.yaml")));

  REQUIRE(project.run({"upgrade"}).code == 0);
  project.write("models.yaml", read_file(example("models_v2.yaml")));
  REQUIRE(project.run({"migrate", "-m", "add published flag"}).code == 0);
  const auto files = project.revision_files();
  REQUIRE(files.size() == 2);
  const auto& second = files[0].filename().string().find("add_published_flag") != std::string::npos ? files[0] : files[1];
  CHECK(ops_text(second) == ops_text(sample("23c8a38a77e1_add_published_flag.yaml")));
}

}  // namespace dbmig::test
