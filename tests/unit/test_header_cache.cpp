// The header cache (revision/header_cache.hpp): a graph loaded through it is the graph loaded
// from the files, unchanged files are not read, changed ones are, a file only the full parser
// reads is never cached, and a damaged, foreign or unwritable cache is no error.
#include <doctest/doctest.h>

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <thread>

#include "error_capture.hpp"
#include "revision/graph.hpp"
#include "revision/header_cache.hpp"
#include "revision/revision.hpp"
#include "scoped_environment.hpp"
#include "util/error.hpp"
#include "util/templates.hpp"

namespace {

using namespace dbmig;
using namespace dbmig::revision;
using dbmig::test::ScopedEnvironment;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

const schema::NamingConvention naming;

std::string read_text(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;  // in place: same inode
}

FileStamp stamp_of(const fs::path& path) {
  struct stat status {};
  REQUIRE(::stat(path.c_str(), &status) == 0);
  return FileStamp::of(status);
}

// File times tick with a coarse clock (a few milliseconds; 10 at HZ=100), and before Linux 6.13
// two same-size writes within a tick left the same stamp: the loads below trust every stamp
// (no settle time), so a test waits a tick before editing a file in place, as the settle time
// makes real loads do.
void wait_a_tick() { std::this_thread::sleep_for(20ms); }

// A versions directory and a cache file of their own, removed afterwards.
struct Scratch {
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "dbmig-cache-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    root = fs::canonical(pattern);
    versions = root / "versions";
    fs::create_directories(versions);
    cache_file = root / "cache" / "dbmig" / "headers";
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
  void write(const std::string& name, const std::string& text) const { write_text(versions / name, text); }

  // A load through a fresh cache object that trusts every stamp; `served` gets the names the
  // cache served.
  Graph load(std::vector<std::string>* served = nullptr, std::size_t* loaded = nullptr) const {
    HeaderCache cache(cache_file, versions, 0ns);
    if (loaded) *loaded = cache.loaded_size();
    Graph graph = Graph::load(versions, naming, &cache);
    if (served) *served = cache.served();
    return graph;
  }
  std::vector<std::string> served_by_a_load() const {
    std::vector<std::string> served;
    load(&served);
    return served;
  }
  std::vector<HeaderCache::Entry> cached() const {
    auto entries = HeaderCache::parse(read_text(cache_file), versions.string());
    REQUIRE(entries.has_value());
    return std::move(*entries);
  }

  fs::path root, versions, cache_file;
};

// Everything a load reads from the headers, in the graph's order.
std::string describe(const Graph& graph) {
  std::string text;
  for (const Revision* revision : graph.newest_first()) {
    text += revision->id + " <-";
    for (const auto& parent : revision->down_revisions) text += " " + parent;
    text += " | " + revision->message + " | " + revision->created_at + " | " + (revision->transactional ? "tx" : "no tx");
    for (const auto& label : revision->branch_labels) text += " @" + label;
    text += " | " + revision->path.string() + " | " + std::to_string(revision->upgrade.size()) + " steps\n";
  }
  return text;
}

std::string rendered(const std::string& id, std::vector<std::string> parents, const std::string& message,
                     std::vector<std::string> labels = {}, bool transactional = true) {
  Revision revision;
  revision.id = id;
  revision.down_revisions = std::move(parents);
  revision.message = message;
  revision.created_at = "2026-11-24T15:00:00Z";
  revision.branch_labels = std::move(labels);
  revision.transactional = transactional;
  return render_revision(revision, util::embedded_template("revision.yaml.tmpl"));
}

// a1 <- b2 <- c3 <- d4: a1 and d4 as dbmig writes them, b2 typed by hand, c3 in a style only the
// full parser reads (a block scalar message).
void write_chain(const Scratch& scratch) {
  scratch.write("a1_first.yaml", rendered("a1", {}, "first: with\ttab, \"quotes\", back\\slash and\nbreak"));
  scratch.write("b2_second.yaml", "revision: b2\ndown_revision: a1\nmessage: second\nupgrade:\n  - sql: SELECT 2\ndowngrade: []\n");
  scratch.write("c3_block.yaml", "revision: c3\ndown_revision: b2\nmessage: |\n  block\nupgrade:\n  - sql: SELECT 3\ndowngrade: []\n");
  scratch.write("d4_fourth.yaml", rendered("d4", {"c3"}, "fourth", {"blog", "feature-x"}, false));
}

const std::vector<std::string> scanned_files = {"a1_first.yaml", "b2_second.yaml", "d4_fourth.yaml"};

std::string sample_text() {
  Revision a, b;
  a.id = "a1";
  a.message = "tab\there, line\nbreak, cr\r, back\\slash, \\t literally, caf\xC3\xA9";
  a.created_at = "2026-11-24T15:00:00Z";
  b.id = "b2";
  b.down_revisions = {"a1", "x\ty"};
  b.branch_labels = {"blog", "feature x", ""};
  b.transactional = false;
  const FileStamp first{123, -5, 1'800'000'000'123'456'789, 42, 2049};
  const FileStamp second{0, 0, 0, ~0ull, 0};
  return HeaderCache::format("/tmp/p q/versions", {{"a1_first.yaml", first, &a}, {"b\\2\n.yaml", second, &b}});
}

}  // namespace

TEST_CASE("header cache: the file reads back exactly, whatever the fields hold") {
  const auto entries = HeaderCache::parse(sample_text(), "/tmp/p q/versions");
  REQUIRE(entries.has_value());
  REQUIRE(entries->size() == 2);
  const auto& a = (*entries)[0];
  CHECK(a.name == "a1_first.yaml");
  CHECK(a.stamp == FileStamp{123, -5, 1'800'000'000'123'456'789, 42, 2049});
  CHECK(a.header.id == "a1");
  CHECK(a.header.message == "tab\there, line\nbreak, cr\r, back\\slash, \\t literally, caf\xC3\xA9");
  CHECK(a.header.created_at == "2026-11-24T15:00:00Z");
  CHECK(a.header.down_revisions.empty());
  CHECK(a.header.branch_labels.empty());
  CHECK(a.header.transactional);
  const auto& b = (*entries)[1];
  CHECK(b.name == "b\\2\n.yaml");
  CHECK(b.stamp == FileStamp{0, 0, 0, ~0ull, 0});
  CHECK(b.header.down_revisions == std::vector<std::string>{"a1", "x\ty"});
  CHECK(b.header.branch_labels == std::vector<std::string>{"blog", "feature x", ""});
  CHECK_FALSE(b.header.transactional);
  CHECK(b.header.message.empty());

  CHECK(HeaderCache::parse(HeaderCache::format("/v", {}), "/v").value().empty());
}

TEST_CASE("header cache: a cut-off, damaged or foreign cache file is ignored whole") {
  const std::string text = sample_text();
  REQUIRE(HeaderCache::parse(text, "/tmp/p q/versions").has_value());
  CHECK_FALSE(HeaderCache::parse(text, "/tmp/p q/other").has_value());  // another directory's
  std::string leading_zero = text;
  leading_zero.insert(leading_zero.rfind("end\t") + 4, "0");
  CHECK_FALSE(HeaderCache::parse(leading_zero, "/tmp/p q/versions").has_value());

  // Every cut, every one-byte change, every byte left out.
  for (std::size_t size = 0; size < text.size(); ++size) {
    INFO("cut at " << size);
    CHECK_FALSE(HeaderCache::parse(text.substr(0, size), "/tmp/p q/versions").has_value());
  }
  for (std::size_t at = 0; at < text.size(); ++at) {
    INFO("byte " << at);
    for (const char replacement : {'\0', '\t', '\n', 'x', '0', static_cast<char>(text[at] ^ 1)}) {
      if (replacement == text[at]) continue;
      std::string changed = text;
      changed[at] = replacement;
      CHECK_FALSE(HeaderCache::parse(changed, "/tmp/p q/versions").has_value());
    }
    CHECK_FALSE(HeaderCache::parse(text.substr(0, at) + text.substr(at + 1), "/tmp/p q/versions").has_value());
  }

  // Garbage, and lines of a good file shuffled into garbage: never a crash, never a cache.
  std::mt19937 random(20261125);
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start + 1));
  for (int round = 0; round < 2000; ++round) {
    std::string garbage;
    const int pieces = static_cast<int>(random() % 8);
    for (int piece = 0; piece < pieces; ++piece) {
      if (random() % 2) {
        garbage += lines[random() % lines.size()];
      } else {
        const std::size_t length = random() % 40;
        for (std::size_t i = 0; i < length; ++i) garbage += static_cast<char>(random() % 256);
      }
    }
    if (garbage == text) continue;
    CHECK_FALSE(HeaderCache::parse(garbage, "/tmp/p q/versions").has_value());
  }

  // Entries out of order or repeated are no cache either.
  Revision header;
  header.id = "r";
  const FileStamp stamp{1, 2, 3, 4, 5};
  CHECK(HeaderCache::parse(HeaderCache::format("/v", {{"a.yaml", stamp, &header}, {"b.yaml", stamp, &header}}), "/v").has_value());
  CHECK_FALSE(HeaderCache::parse(HeaderCache::format("/v", {{"b.yaml", stamp, &header}, {"a.yaml", stamp, &header}}), "/v").has_value());
  CHECK_FALSE(HeaderCache::parse(HeaderCache::format("/v", {{"a.yaml", stamp, &header}, {"a.yaml", stamp, &header}}), "/v").has_value());

  // A damaged cache file on disk: the load reads the files, gives the same graph, and writes a
  // good cache file over it.
  Scratch scratch;
  write_chain(scratch);
  const std::string expected = describe(Graph::load(scratch.versions, naming, nullptr));
  scratch.load();
  const std::string good = read_text(scratch.cache_file);
  for (const std::string& damaged : {good.substr(0, good.size() / 2), std::string("garbage\n"), std::string()}) {
    write_text(scratch.cache_file, damaged);
    std::vector<std::string> served;
    std::size_t loaded = 99;
    CHECK(describe(scratch.load(&served, &loaded)) == expected);
    CHECK(loaded == 0);
    CHECK(served.empty());
    CHECK(scratch.served_by_a_load() == scanned_files);
  }
}

TEST_CASE("header cache: a second load reads no unchanged file, and gives the same graph") {
  Scratch scratch;
  write_chain(scratch);
  const std::string expected = describe(Graph::load(scratch.versions, naming, nullptr));
  INFO(expected);

  std::vector<std::string> served;
  std::size_t loaded = 99;
  CHECK(describe(scratch.load(&served, &loaded)) == expected);
  CHECK(loaded == 0);
  CHECK(served.empty());
  REQUIRE(fs::exists(scratch.cache_file));

  const Graph second = scratch.load(&served, &loaded);
  CHECK(describe(second) == expected);
  CHECK(loaded == 3);
  CHECK(served == scanned_files);  // c3 is read each time: only the full parser reads it
  // Steps and checksums still come from the files.
  CHECK(second.with_steps(second.get("b2")).upgrade.size() == 1);
  CHECK(second.with_steps(second.get("d4")).upgrade.empty());
  CHECK(second.checksum(second.get("a1")) == checksum_of(read_text(scratch.versions / "a1_first.yaml")));

  // Proof that a cache hit opens no file: a cache saying something else of a1 than its file is
  // believed. (Reading its steps then finds the difference and says so.)
  auto entries = scratch.cached();
  REQUIRE(entries.size() == 3);
  entries[0].header.message = "what the cache says";
  std::vector<HeaderCache::EntryRef> refs;
  for (const auto& entry : entries) refs.push_back({entry.name, entry.stamp, &entry.header});
  write_text(scratch.cache_file, HeaderCache::format(scratch.versions.string(), refs));
  const Graph forged = scratch.load(&served);
  CHECK(served == scanned_files);
  CHECK(forged.get("a1").message == "what the cache says");
  const auto error = test::error_of([&] { forged.with_steps(forged.get("a1")); });
  REQUIRE(error.has_value());
  CHECK(test::contains(error->message(), "found a different 'message'"));
}

TEST_CASE("header cache: edited, touched, replaced, added and removed files are read again") {
  Scratch scratch;
  write_chain(scratch);
  scratch.load();
  REQUIRE(scratch.served_by_a_load() == scanned_files);

  // The same size, another message: read again.
  wait_a_tick();
  const std::string before = read_text(scratch.versions / "b2_second.yaml");
  scratch.write("b2_second.yaml", "revision: b2\ndown_revision: a1\nmessage: SECOND\nupgrade:\n  - sql: SELECT 2\ndowngrade: []\n");
  REQUIRE(read_text(scratch.versions / "b2_second.yaml").size() == before.size());
  std::vector<std::string> served;
  CHECK(scratch.load(&served).get("b2").message == "SECOND");
  CHECK(served == std::vector<std::string>{"a1_first.yaml", "d4_fourth.yaml"});
  CHECK(scratch.served_by_a_load() == scanned_files);

  // Nothing changed: the cache file is not written again.
  const FileStamp cache_before = stamp_of(scratch.cache_file);
  wait_a_tick();
  CHECK(scratch.served_by_a_load() == scanned_files);
  CHECK(stamp_of(scratch.cache_file) == cache_before);

  // A chmod changes only the ctime; a file renamed over another only the inode.
  wait_a_tick();
  fs::permissions(scratch.versions / "a1_first.yaml", fs::perms::owner_exec, fs::perm_options::add);
  fs::copy_file(scratch.versions / "d4_fourth.yaml", scratch.root / "d4.tmp");
  fs::rename(scratch.root / "d4.tmp", scratch.versions / "d4_fourth.yaml");
  CHECK(scratch.served_by_a_load() == std::vector<std::string>{"b2_second.yaml"});
  CHECK(scratch.served_by_a_load() == scanned_files);

  // Added and removed files.
  scratch.write("e5_fifth.yaml", rendered("e5", {"d4"}, "fifth"));
  const Graph added = scratch.load(&served);
  CHECK(served == scanned_files);
  CHECK(added.heads() == std::vector<std::string>{"e5"});
  CHECK(scratch.cached().size() == 4);
  fs::remove(scratch.versions / "e5_fifth.yaml");
  fs::remove(scratch.versions / "a1_first.yaml");
  scratch.write("b2_second.yaml", "revision: b2\ndown_revision: null\nmessage: SECOND\nupgrade:\n  - sql: SELECT 2\ndowngrade: []\n");
  const Graph removed = scratch.load(&served);
  CHECK(served == std::vector<std::string>{"d4_fourth.yaml"});
  CHECK(removed.size() == 3);
  CHECK_FALSE(removed.contains("a1"));
  CHECK(scratch.cached().size() == 2);
  CHECK(scratch.served_by_a_load() == std::vector<std::string>{"b2_second.yaml", "d4_fourth.yaml"});
  CHECK(describe(scratch.load()) == describe(Graph::load(scratch.versions, naming, nullptr)));
}

TEST_CASE("header cache: files only the full parser reads are never cached; errors stay the same") {
  Scratch scratch;
  write_chain(scratch);
  for (int load = 0; load < 3; ++load) scratch.load();
  for (const auto& entry : scratch.cached()) CHECK(entry.name != "c3_block.yaml");

  // A link to a revision file is cached under the link's name, with the stamp of what it points at.
  const fs::path target = scratch.root / "target.yaml";
  write_text(target, rendered("e5", {"d4"}, "linked"));
  fs::create_symlink(target, scratch.versions / "e5_linked.yaml");
  scratch.load();
  CHECK(scratch.load().get("e5").message == "linked");
  wait_a_tick();
  write_text(target, rendered("e5", {"d4"}, "LINKED"));
  CHECK(scratch.load().get("e5").message == "LINKED");

  // A file that does not parse: the same error with and without the cache, the first time and after.
  const auto error_text = [](const std::function<void()>& load) {
    const auto error = test::error_of(load);
    return error ? error->describe() : std::string("no error");
  };
  scratch.write("f6_broken.yaml", "revision: f6\ndown_revision: [e5\nupgrade: []\ndowngrade: []\n");
  const std::string broken = error_text([&] { Graph::load(scratch.versions, naming, nullptr); });
  CHECK(test::contains(broken, "f6_broken.yaml"));
  CHECK(error_text([&] { scratch.load(); }) == broken);
  CHECK(error_text([&] { scratch.load(); }) == broken);
  fs::remove(scratch.versions / "f6_broken.yaml");

  // A graph error between files the cache serves: the same error too.
  scratch.write("f6_duplicate.yaml", rendered("d4", {"c3"}, "again"));
  const std::string duplicate = error_text([&] { Graph::load(scratch.versions, naming, nullptr); });
  CHECK(test::contains(duplicate, "f6_duplicate.yaml"));
  CHECK(error_text([&] { scratch.load(); }) == duplicate);
  CHECK(error_text([&] { scratch.load(); }) == duplicate);
}

TEST_CASE("header cache: a file changed in the last seconds is read, not cached") {
  Scratch scratch;
  write_chain(scratch);
  const auto now = std::chrono::system_clock::now();
  const HeaderCache cache(scratch.cache_file, scratch.versions, 2s, now);
  FileStamp stamp = stamp_of(scratch.versions / "a1_first.yaml");
  const auto nanoseconds = [](auto time) { return std::chrono::duration_cast<std::chrono::nanoseconds>(time).count(); };
  stamp.ctime_ns = nanoseconds((now - 1s).time_since_epoch());
  CHECK_FALSE(cache.may_keep(stamp));
  stamp.ctime_ns = nanoseconds((now + 1s).time_since_epoch());  // a clock ahead (a network file system)
  CHECK_FALSE(cache.may_keep(stamp));
  stamp.ctime_ns = nanoseconds((now - 3s).time_since_epoch());
  CHECK(cache.may_keep(stamp));

  // Files written a moment ago: nothing cached, nothing written.
  HeaderCache fresh(scratch.cache_file, scratch.versions);
  Graph::load(scratch.versions, naming, &fresh);
  CHECK_FALSE(fs::exists(scratch.cache_file));
}

TEST_CASE("header cache: where it lives; DBMIG_NO_CACHE turns it off") {
  Scratch scratch;
  const fs::path versions = "/srv/app/migrations/versions";
  {
    ScopedEnvironment no_cache("DBMIG_NO_CACHE", std::nullopt);
    ScopedEnvironment cache_home("XDG_CACHE_HOME", (scratch.root / "xdg").string());
    ScopedEnvironment home("HOME", "/home/someone");
    const auto file = HeaderCache::default_file(versions);
    REQUIRE(file.has_value());
    CHECK(file->parent_path() == scratch.root / "xdg" / "dbmig");
    CHECK(file->filename().string().ends_with("-app.headers"));
    CHECK(file->filename().string().size() == 32 + std::string("-app.headers").size());
    CHECK(HeaderCache::default_file("/srv/other/migrations/versions") != file);
    {
      ScopedEnvironment relative("XDG_CACHE_HOME", "relative/cache");  // ignored, as the XDG spec says
      CHECK(HeaderCache::default_file(versions)->parent_path() == "/home/someone/.cache/dbmig");
    }
    {
      ScopedEnvironment unset("XDG_CACHE_HOME", std::nullopt);
      CHECK(HeaderCache::default_file(versions)->parent_path() == "/home/someone/.cache/dbmig");
      ScopedEnvironment no_home("HOME", std::nullopt);
      CHECK_FALSE(HeaderCache::default_file(versions).has_value());
    }
    for (const char* off : {"1", "yes"}) {
      ScopedEnvironment disabled("DBMIG_NO_CACHE", off);
      CHECK(HeaderCache::disabled_by_environment());
      CHECK_FALSE(HeaderCache::default_file(versions).has_value());
    }
    for (const char* on : {"", "0"}) {
      ScopedEnvironment enabled("DBMIG_NO_CACHE", on);
      CHECK_FALSE(HeaderCache::disabled_by_environment());
      CHECK(HeaderCache::default_file(versions) == file);
    }
  }

  // Graph::load as the commands call it, on revision files of the source tree (old enough to be
  // cached): the cache file appears where default_file says.
  const fs::path linear = fs::canonical(fs::path(DBMIG_TEST_DATA) / "revisions" / "graph" / "linear");
  ScopedEnvironment cache_home("XDG_CACHE_HOME", (scratch.root / "xdg").string());
  ScopedEnvironment no_cache("DBMIG_NO_CACHE", std::nullopt);
  const std::string expected = describe(Graph::load(linear, naming, nullptr));
  CHECK(describe(Graph::load(linear, naming)) == expected);
  const fs::path file = HeaderCache::default_file(linear).value();
  const auto entries = HeaderCache::parse(read_text(file), linear.string());
  REQUIRE(entries.has_value());
  CHECK(entries->size() == 3);

  // A forged cache shows whether the cache is read: it is, unless DBMIG_NO_CACHE is set.
  auto forged = *entries;
  std::vector<HeaderCache::EntryRef> refs;
  for (auto& entry : forged) {
    entry.header.message = "forged";
    refs.push_back({entry.name, entry.stamp, &entry.header});
  }
  const std::string forged_text = HeaderCache::format(linear.string(), refs);
  write_text(file, forged_text);
  const Graph from_forged = Graph::load(linear, naming);  // kept: newest_first() points into it
  for (const Revision* revision : from_forged.newest_first()) CHECK(revision->message == "forged");
  {
    ScopedEnvironment disabled("DBMIG_NO_CACHE", "1");
    CHECK(describe(Graph::load(linear, naming)) == expected);
    fs::remove(file);
    CHECK(describe(Graph::load(linear, naming)) == expected);
    CHECK_FALSE(fs::exists(file));  // nor written
  }
  // Relative and canonical paths name the same cache.
  const fs::path relative = fs::relative(linear);
  CHECK(describe(Graph::load(relative, naming)) == describe(Graph::load(relative, naming, nullptr)));
  CHECK(fs::exists(file));
}

TEST_CASE("header cache: a cache that cannot be written or read is no error") {
  Scratch scratch;
  write_chain(scratch);
  const std::string expected = describe(Graph::load(scratch.versions, naming, nullptr));

  // Its directory cannot be made (under a regular file: root cannot do it either).
  write_text(scratch.root / "plain", "not a directory");
  HeaderCache blocked(scratch.root / "plain" / "dbmig" / "headers", scratch.versions, 0ns);
  CHECK(describe(Graph::load(scratch.versions, naming, &blocked)) == expected);
  HeaderCache still_blocked(scratch.root / "plain" / "dbmig" / "headers", scratch.versions, 0ns);
  CHECK(still_blocked.loaded_size() == 0);
  {
    ScopedEnvironment cache_home("XDG_CACHE_HOME", (scratch.root / "plain").string());
    ScopedEnvironment no_cache("DBMIG_NO_CACHE", std::nullopt);
    const fs::path linear = fs::path(DBMIG_TEST_DATA) / "revisions" / "graph" / "linear";
    CHECK(Graph::load(linear, naming).size() == 3);
  }

  // The cache file is a directory, or a dangling link: ignored, and (for the link) not followed.
  fs::create_directories(scratch.cache_file);
  CHECK(describe(scratch.load()) == expected);
  fs::remove(scratch.cache_file);
  fs::create_symlink(scratch.root / "elsewhere", scratch.cache_file);
  std::size_t loaded = 99;
  CHECK(describe(scratch.load(nullptr, &loaded)) == expected);
  CHECK(loaded == 0);
  CHECK(fs::is_regular_file(fs::symlink_status(scratch.cache_file)));  // replaced, not written through
  CHECK_FALSE(fs::exists(scratch.root / "elsewhere"));
}

TEST_CASE("header cache: loads saving the same cache file at once never leave half a file") {
  Scratch scratch;
  write_chain(scratch);
  scratch.load();
  const auto entries = scratch.cached();
  // Two writers, each with a cache of its own content, and a reader that must always find a whole file.
  std::atomic<bool> stop = false;
  std::atomic<int> whole = 0, broken = 0, unwritten = 0;
  std::thread reader([&] {
    while (!stop) {
      const std::string text = read_text(scratch.cache_file);
      (HeaderCache::parse(text, scratch.versions.string()) ? whole : broken)++;
    }
  });
  const auto writer = [&](std::size_t keep) {
    std::vector<HeaderCache::EntryRef> refs;
    for (std::size_t i = 0; i < keep; ++i) refs.push_back({entries[i].name, entries[i].stamp, &entries[i].header});
    for (int round = 0; round < 200; ++round) {
      HeaderCache cache(scratch.cache_file, scratch.versions, 0ns);
      if (!cache.save(refs)) ++unwritten;  // no find(): no entry is a hit, so each save writes
    }
  };
  std::thread first(writer, 1), second(writer, 3);
  first.join();
  second.join();
  stop = true;
  reader.join();
  CHECK(broken == 0);
  CHECK(unwritten == 0);
  CHECK(whole > 0);
  // No temporary file is left behind.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(scratch.cache_file.parent_path())) ++files;
  CHECK(files == 1);
}
