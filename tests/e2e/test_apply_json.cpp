// --format json: every reporting command prints one JSON document with the fields
// docs/json-output.md documents, checked with Python's own JSON parser; and no colour codes ever.
#include "test_apply_support.hpp"

namespace dbmig::test {

namespace {

// The keys of a revision object (history, heads, branches, show).
const std::string revision_keys =
    "{'revision', 'down_revisions', 'branch_labels', 'message', 'created_at', 'file', 'head', 'current'}";

const std::string models = "tables:\n  users:\n    columns:\n      id: {type: integer, primary_key: true}\n";

}  // namespace

TEST_CASE_TEMPLATE("JSON outputs parse and have the documented fields", Backend, DBMIG_TEST_BACKENDS) {
  auto database = make_database(Backend::name);
  if (!database) return;
  Project project(database->url());
  project.write("models.yaml", models);
  const auto json = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    const auto result = project.run(args);
    INFO(util::join(args, " ") << ": " << result.err);
    CHECK(result.code == 0);
    CHECK(result.out.find('\x1b') == std::string::npos);
    CHECK(result.out.size() > 1);
    CHECK(result.out.back() == '\n');
    return result.out;
  };

  const auto migrate = json({"migrate", "-m", "users"});
  CHECK(json_holds(migrate, "assert set(d) == {'file', 'revision', 'ops', 'warnings'}\n"
                            "assert d['file'].endswith('_users.yaml') and len(d['revision']) == 12\n"
                            "assert d['ops'] == ['create table users'] and d['warnings'] == []"));

  const auto check_pending = project.run({"--format", "json", "check"});
  CHECK(check_pending.code == 1);
  CHECK(json_holds(check_pending.out, "assert set(d) == {'ok', 'pending', 'differences', 'changed', 'exact'}\n"
                                      "assert d['ok'] is False and len(d['pending']) == 1\n"
                                      "assert set(d['pending'][0]) == {'revision', 'message'}\n"
                                      "assert d['changed'] == [] and d['exact'] is True"));

  const auto upgrade = json({"upgrade"});
  CHECK(json_holds(upgrade, "assert set(d) == {'direction', 'steps', 'current', 'changed'}\n"
                            "assert d['direction'] == 'upgrade' and len(d['steps']) == 1\n"
                            "s = d['steps'][0]\n"
                            "assert set(s) == {'revision', 'message', 'milliseconds', 'skipped'}\n"
                            "assert s['message'] == 'users' and s['milliseconds'] >= 0 and s['skipped'] is False\n"
                            "assert d['current'] == [s['revision']]"));
  const auto none = json({"migrate", "-m", "nothing"});
  CHECK(json_holds(none, "assert d == {'file': None, 'revision': None, 'ops': [], 'warnings': []}"));

  const auto revision = json({"revision", "-m", "second"});
  CHECK(json_holds(revision, "assert set(d) == {'file', 'revision'} and d['file'].endswith('_second.yaml')"));
  const auto branch = json({"revision", "-m", "side", "--head", "base", "--branch-label", "side"});
  CHECK(json_holds(branch, "assert set(d) == {'file', 'revision'}"));

  const auto current = json({"current"});
  CHECK(json_holds(current, "assert set(d) == {'current', 'heads', 'up_to_date'}\n"
                            "assert len(d['current']) == 1 and len(d['heads']) == 2 and d['up_to_date'] is False"));
  CHECK(json_holds(json({"heads"}), "assert len(d) == 2\nfor r in d: assert set(r) == " + revision_keys +
                                        " and r['head'] is True"));
  CHECK(json_holds(json({"history"}), "assert len(d) == 3\nfor r in d: assert set(r) == " + revision_keys +
                                          "\nassert sum(r['current'] for r in d) == 1\n"
                                          "assert [r['branch_labels'] for r in d if r['message'] == 'side'] == [['side']]"));
  CHECK(json_holds(json({"branches"}), "assert d == []"));

  const auto merge = json({"merge", "-m", "join"});
  CHECK(json_holds(merge, "assert set(d) == {'file', 'revision', 'down_revisions'}\n"
                          "assert len(d['down_revisions']) == 2"));
  CHECK(json_holds(json({"show", "head"}),
                   "assert set(d) == " + revision_keys +
                       " | {'transactional', 'children', 'checksum', 'upgrade', 'downgrade'}\n"
                       "assert len(d['down_revisions']) == 2 and d['head'] is True and len(d['checksum']) == 64\n"
                       "assert d['upgrade'] == [] and d['downgrade'] == [] and d['children'] == []"));
  const std::string users_id = migrate.substr(migrate.find("\"revision\":\"") + 12, 12);
  CHECK(json_holds(json({"history", "-r", "base:" + users_id}), "assert [r['message'] for r in d] == ['users']"));

  const auto all = json({"upgrade"});
  CHECK(json_holds(all, "assert len(d['steps']) == 3 and len(d['current']) == 1"));
  const auto down = json({"downgrade", "-1"});
  CHECK(json_holds(down, "assert d['direction'] == 'downgrade' and len(d['steps']) == 1 and len(d['current']) == 2"));
  CHECK(json_holds(json({"branches"}), "assert len(d) == 0"));

  const auto stamp = json({"stamp", "heads"});
  CHECK(json_holds(stamp, "assert set(d) == {'current', 'checksums_recorded'} and len(d['current']) == 1"));
  const auto check_clean = json({"check"});
  CHECK(json_holds(check_clean, "assert d['ok'] is True and d['pending'] == [] and d['differences'] == []"));
}

TEST_CASE("JSON: branch points list the revisions built on them") {
  auto database = make_database("sqlite");
  Project project(database->url());
  write_revision(project, "a1000000000a", {}, "root");
  write_revision(project, "b2000000000b", {"a1000000000a"}, "left");
  write_revision(project, "c3000000000c", {"a1000000000a"}, "right");
  const auto branches = project.run({"--format", "json", "branches"});
  REQUIRE(branches.code == 0);
  CHECK(json_holds(branches.out, "assert len(d) == 1 and d[0]['revision'] == 'a1000000000a'\n"
                                 "assert d[0]['children'] == ['b2000000000b', 'c3000000000c']"));
  const auto text = project.run({"branches"});
  CHECK(text.out == "a1000000000a (branchpoint) -> b2000000000b, c3000000000c, root\n");
}

}  // namespace dbmig::test
