// The table-driven autogenerate suite, applied to real databases: each case in
// tests/data/autogen/*.yaml gives models before and after a change and the kinds of the steps
// `migrate` must write. On each dialect, in a database of its own:
//   models = before -> migrate -> upgrade, and the database introspected ("before" as it really is);
//   models = after  -> migrate (the expected step kinds, and warnings) -> upgrade
//     -> migrate says "No changes detected" (no false positives once applied)
//     -> downgrade -1 -> the database introspects equal to "before" (both normalised)
//     -> upgrade again -> still no changes (the downgrade left nothing behind that trips it).
//
// Case keys: case, before, after (models.yaml documents), ops (a list of step kinds, or a map
// from dialect name to such a list where the dialects differ), optional dialects (the ones the
// case applies to), warnings (texts that must appear among the warnings, on stderr and in the
// revision file; per dialect like ops), naming_convention (written into dbmig.yaml).
//
// DBMIG_AUTOGEN_CASE=<text> runs only the cases whose name contains the text.
#include <doctest/doctest.h>

#include <cstdlib>

#include "test_autogenerate_support.hpp"

namespace dbmig::test {

namespace {

namespace fs = std::filesystem;

std::string emit(const YAML::Node& node) {
  YAML::Emitter out;
  out.SetNullFormat(YAML::LowerNull);
  out << node;
  return std::string(out.c_str()) + "\n";
}

// A list of strings, or a map from dialect name to one: the list for `dialect`.
std::vector<std::string> per_dialect_list(const YAML::Node& node, const std::string& dialect) {
  if (!node) return {};
  if (node.IsMap()) return node[dialect] ? node[dialect].as<std::vector<std::string>>() : std::vector<std::string>{};
  return node.as<std::vector<std::string>>();
}

bool applies_to(const YAML::Node& test, const std::string& dialect) {
  if (!test["dialects"]) return true;
  for (const auto& name : test["dialects"])
    if (name.as<std::string>() == dialect) return true;
  return false;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text = "[";
  for (const auto& item : items) text += (text.size() > 1 ? ", " : "") + item;
  return text + "]";
}

// The database as the diff sees it: introspected, then normalised by its dialect (SQLite rewrites
// a renamed column in CHECK text as "title", which means title), in canonical order.
schema::Schema introspected(const TestDatabase& database) {
  schema::Schema schema = database.introspect();
  database.dialect().normalize(schema);
  return canonical(std::move(schema));
}

struct Case {
  std::string name;
  YAML::Node node;
};

std::vector<Case> load_cases() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DBMIG_TEST_DATA) / "autogen"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const auto& file : files)
    for (const auto& test : YAML::LoadFile(file.string()))
      cases.push_back({file.stem().string() + ": " + test["case"].as<std::string>(), test});
  return cases;
}

// One case on one dialect, in a database of its own. Each phase returns whether the case goes on:
// not after a failure (reported) that the rest would only repeat, nor when nothing follows. Never
// REQUIRE: one broken case must not hide the others.
class CaseRun {
 public:
  CaseRun(const Case& test, std::string dialect_name, std::unique_ptr<TestDatabase> database)
      : test_(test), dialect_(std::move(dialect_name)), database_(std::move(database)), project_(database_->url()) {
    if (const auto naming = test_.node["naming_convention"]) {
      YAML::Node convention;
      convention["naming_convention"] = naming;
      project_.write("dbmig.yaml", project_.read("dbmig.yaml") + emit(convention));
    }
  }

  bool run() { return set_up_before() && migrate_to_after() && upgrade_and_revert(); }

 private:
  // The starting point, as the database really holds it.
  bool set_up_before() {
    project_.write("models.yaml", emit(test_.node["before"]));
    const auto create = project_.run({"migrate", "-m", "before"});
    INFO("migrate (before): " << create.out << create.err);
    if (!says_no_changes(create)) {  // "before" may be an empty database
      const auto upgrade = project_.run({"upgrade"});
      INFO("upgrade (before): " << upgrade.err);
      if (create.code != 0 || upgrade.code != 0) return failed("could not set up 'before'");
    }
    before_ = introspected(*database_);
    return true;
  }

  // The change: the steps and warnings expected. A case without steps is about differences that
  // are none (equivalent spellings); it ends here.
  bool migrate_to_after() {
    project_.write("models.yaml", emit(test_.node["after"]));
    const auto expected_kinds = per_dialect_list(test_.node["ops"], dialect_);
    const auto warnings = per_dialect_list(test_.node["warnings"], dialect_);
    const auto files = project_.revision_files();
    // A case whose `after` declares no table means it (`tables: {}`): say so, as a user must.
    const auto migrate = project_.run({"migrate", "-m", "after", "--allow-empty-models"});
    INFO("migrate (after): " << migrate.out << migrate.err);
    CHECK(migrate.code == 0);
    for (const auto& warning : warnings) {
      CAPTURE(warning);
      CHECK(migrate.err.find(warning) != std::string::npos);
    }
    const fs::path revision = new_revision_file(project_, files);
    if (expected_kinds.empty()) {
      CHECK(says_no_changes(migrate));
      if (!revision.empty()) MESSAGE("unexpected revision:\n" << read_file(revision));
      return false;
    }
    if (revision.empty()) return failed("migrate wrote no revision");

    const std::string revision_text = read_file(revision);
    INFO("revision file:\n" << revision_text);
    CHECK(joined(upgrade_kinds(revision)) == joined(expected_kinds));
    for (const auto& warning : warnings) {
      CAPTURE(warning);
      CHECK(revision_text.find(warning) != std::string::npos);  // the file keeps it, as a comment
    }
    if (!warnings.empty()) CHECK(revision_text.find("# WARNING: ") != std::string::npos);
    return true;
  }

  // Applied, nothing left to do; reverted, the database is "before" again; applied once more.
  bool upgrade_and_revert() {
    const auto upgrade = project_.run({"upgrade"});
    INFO("upgrade (after): " << upgrade.out << upgrade.err);
    if (upgrade.code != 0) return failed("upgrade to 'after' failed");
    const auto files = project_.revision_files();
    const auto again = project_.run({"migrate", "-m", "again"});
    if (!says_no_changes(again)) {
      const fs::path extra = new_revision_file(project_, files);
      FAIL_CHECK("a false positive once applied: " << again.out << again.err
                                                   << (extra.empty() ? std::string() : read_file(extra)));
      if (!extra.empty()) fs::remove(extra);  // keep the downgrade below about the case's own revision
    }

    const auto downgrade = project_.run({"downgrade", "-1"});
    INFO("downgrade: " << downgrade.out << downgrade.err);
    if (downgrade.code != 0) return failed("downgrade failed");
    const schema::Schema after_downgrade = introspected(*database_);
    INFO("before:\n" << describe(before_) << "after the downgrade:\n" << describe(after_downgrade));
    CHECK(after_downgrade == before_);

    const auto reapply = project_.run({"upgrade"});
    INFO("upgrade again: " << reapply.out << reapply.err);
    CHECK(reapply.code == 0);
    CHECK(says_no_changes(project_.run({"migrate", "-m", "once more"})));
    return true;
  }

  static bool failed(const std::string& what) {  // a std::string: doctest prints a const char* as an address
    FAIL_CHECK(what);
    return false;
  }

  const Case& test_;
  std::string dialect_;
  std::unique_ptr<TestDatabase> database_;
  Project project_;
  schema::Schema before_;
};

void run_cases(const std::string& dialect_name) {
  const char* only = std::getenv("DBMIG_AUTOGEN_CASE");
  int ran = 0;
  for (const auto& test : load_cases()) {
    if (!applies_to(test.node, dialect_name)) continue;
    if (only && *only && test.name.find(only) == std::string::npos) continue;
    CAPTURE(test.name);
    auto database = make_database(dialect_name);
    if (!database) return;
    ++ran;
    CaseRun(test, dialect_name, std::move(database)).run();
  }
  MESSAGE(ran << " autogenerate cases ran on " << dialect_name);
  if (!only || !*only) CHECK(ran >= 60);
}

}  // namespace

TEST_CASE_TEMPLATE("autogenerate cases from tests/data/autogen", Backend, DBMIG_TEST_BACKENDS) {
  if (!make_database(Backend::name)) return;
  run_cases(Backend::name);
}

}  // namespace dbmig::test
