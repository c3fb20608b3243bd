// The files behind a graph: headers read when it is loaded (or taken from the header cache for
// files unchanged since), steps and checksums read on first use, so that `dbmig current` on a
// thousand revisions parses no step at all, and reads no revision file when none changed.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "revision/graph.hpp"
#include "revision/header_cache.hpp"
#include "revision/header_scan.hpp"
#include "util/error.hpp"

namespace dbmig::revision {

namespace fs = std::filesystem;

namespace {

// POSIX reads rather than a stream: loading a graph reads a thousand small files, and a stream's
// buffer set-up (an fstat and an allocation per file) is a noticeable share of that. Only regular
// files are read, and a regular file's read comes back short only at its end: a file smaller
// than the buffer takes one read, not a second one to see the end (a thousand system calls
// fewer for `current` on a thousand revisions).
std::string read_open_file(int descriptor, const fs::path& path) {
  if (descriptor < 0)
    throw usage_error("cannot read revision file " + path.string(), std::nullopt, "check that it exists and is readable");
  std::string text;
  char buffer[16384];
  ssize_t count = 0;
  while ((count = ::read(descriptor, buffer, sizeof buffer)) > 0) {
    text.append(buffer, static_cast<std::size_t>(count));
    if (static_cast<std::size_t>(count) < sizeof buffer) break;
  }
  ::close(descriptor);
  if (count < 0) throw usage_error("cannot read revision file " + path.string());
  return text;
}

std::string read_text(const fs::path& path) { return read_open_file(::open(path.c_str(), O_RDONLY | O_CLOEXEC), path); }

// The versions directory, open while the graph loads: its files are listed with readdir and read
// relative to it (openat), so that the kernel walks the directory's path once, not per file.
// readdir rather than std::filesystem::directory_iterator, which builds and splits a path for
// every entry: that, and sorting paths by their components, were a fifth of `current` on a
// thousand revisions.
class OpenDirectory {
 public:
  explicit OpenDirectory(const fs::path& path) : listing_(::opendir(path.c_str())) {
    if (!listing_) throw usage_error("cannot list the revisions directory " + path.string());
  }
  ~OpenDirectory() { ::closedir(listing_); }
  OpenDirectory(const OpenDirectory&) = delete;
  OpenDirectory& operator=(const OpenDirectory&) = delete;

  // The names of the *.yaml regular files (or links to them), in no particular order.
  std::vector<std::string> yaml_file_names() {
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(listing_)) {
      const std::string_view name = entry->d_name;
      // ".yaml" itself is a hidden file with no extension, as std::filesystem::path sees it.
      if (name.size() <= 5 || !name.ends_with(".yaml")) continue;
      bool regular = entry->d_type == DT_REG;
      if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {  // follow links, as is_regular_file did
        struct stat status {};
        regular = ::fstatat(::dirfd(listing_), entry->d_name, &status, 0) == 0 && S_ISREG(status.st_mode);
      }
      if (regular) names.emplace_back(name);
    }
    return names;
  }

  // The stamp of the file `name` in it (links followed, as for the listing); nullopt when it
  // cannot be stat'ed, and reading it will then say what is wrong.
  std::optional<FileStamp> stamp(const std::string& name) const {
    struct stat status {};
    if (::fstatat(::dirfd(listing_), name.c_str(), &status, 0) != 0) return std::nullopt;
    return FileStamp::of(status);
  }

  // The text of the file `name` in it; `path` names it in errors.
  std::string read(const std::string& name, const fs::path& path) const {
    return read_open_file(::openat(::dirfd(listing_), name.c_str(), O_RDONLY | O_CLOEXEC), path);
  }

 private:
  DIR* listing_;
};

// The header fields the scan read that the full parse read differently; empty when they agree.
std::string header_difference(const Revision& scanned, const Revision& parsed) {
  if (scanned.id != parsed.id) return "revision";
  if (scanned.down_revisions != parsed.down_revisions) return "down_revision";
  if (scanned.message != parsed.message) return "message";
  if (scanned.created_at != parsed.created_at) return "created_at";
  if (scanned.transactional != parsed.transactional) return "transactional";
  if (scanned.branch_labels != parsed.branch_labels) return "branch_labels";
  return {};
}

}  // namespace

Graph Graph::load(const fs::path& versions_dir, const schema::NamingConvention& naming) {
  const auto began = std::chrono::system_clock::now();  // before any file is stat'ed (HeaderCache)
  if (HeaderCache::disabled_by_environment()) return load(versions_dir, naming, nullptr);
  std::error_code error;
  const fs::path canonical = fs::canonical(versions_dir, error);
  const auto file = error ? std::nullopt : HeaderCache::default_file(canonical);
  if (!file) return load(versions_dir, naming, nullptr);
  HeaderCache cache(*file, canonical, HeaderCache::default_settle_time, began);
  return load(versions_dir, naming, &cache);
}

Graph Graph::load(const fs::path& versions_dir, const schema::NamingConvention& naming, HeaderCache* cache) {
  std::error_code error;
  if (!fs::is_directory(versions_dir, error))
    throw usage_error("no revisions directory " + versions_dir.string(), std::nullopt,
                      "run `dbmig init`, or point 'migrations' in dbmig.yaml at the right place");
  OpenDirectory directory(versions_dir);
  std::vector<std::string> names = directory.yaml_file_names();
  std::sort(names.begin(), names.end());  // a stable order for listings and error messages

  std::vector<Revision> revisions;
  std::vector<bool> steps_loaded;
  std::vector<HeaderCache::EntryRef> cached;  // what the cache is to hold after this load
  // Reserved whole: `cached` points into `revisions`, whose elements must not move.
  revisions.reserve(names.size());
  steps_loaded.reserve(names.size());
  if (cache) cached.reserve(names.size());
  for (const auto& name : names) {
    fs::path file = versions_dir / name;
    // Stat, then read: a change after the stat leaves a stamp that no longer matches.
    const std::optional<FileStamp> stamp = cache ? directory.stamp(name) : std::nullopt;
    if (stamp) {
      if (Revision* header = cache->find(name, *stamp)) {
        revisions.push_back(std::move(*header));
        revisions.back().path = std::move(file);
        steps_loaded.push_back(false);
        cached.push_back({name, *stamp, &revisions.back()});
        continue;
      }
    }
    const std::string text = directory.read(name, file);
    if (auto header = scan_header(text, file)) {
      revisions.push_back(std::move(*header));
      steps_loaded.push_back(false);
      if (stamp && cache->may_keep(*stamp)) cached.push_back({name, *stamp, &revisions.back()});
    } else {
      // Never cached: the full parser reads it each time, and reports its mistakes as before.
      revisions.push_back(parse_revision(text, file, naming));
      steps_loaded.push_back(true);
    }
  }
  if (cache) {
    const bool written = cache->save(cached);
    spdlog::debug("revision headers: {} files, {} from the cache {}{}", names.size(), cache->served().size(),
                  cache->file().string(), written ? " (updated)" : "");
  }
  Graph graph = from_revisions(std::move(revisions));
  graph.steps_loaded_ = std::move(steps_loaded);
  graph.naming_ = naming;
  return graph;
}

const Revision& Graph::with_steps(const Revision& revision) const {
  const std::size_t index = by_id_.at(revision.id);
  Revision& stored = revisions_[index];
  if (steps_loaded_[index]) return stored;
  Revision parsed = parse_revision(read_text(stored.path), stored.path, naming_);
  if (const std::string field = header_difference(stored, parsed); !field.empty())
    throw usage_error("internal error: the quick read of " + stored.path.string() + " found a different '" + field +
                          "' than the YAML parser",
                      std::nullopt, "please report this with the file; rewriting the header in plain style avoids it");
  stored.upgrade = std::move(parsed.upgrade);
  stored.downgrade = std::move(parsed.downgrade);
  stored.upgrade_positions = std::move(parsed.upgrade_positions);
  stored.downgrade_positions = std::move(parsed.downgrade_positions);
  stored.checksum = std::move(parsed.checksum);
  steps_loaded_[index] = true;
  return stored;
}

void Graph::load_steps(const std::vector<const Revision*>& revisions) const {
  for (const Revision* revision : revisions) with_steps(*revision);
}

const std::string& Graph::checksum(const Revision& revision) const {
  Revision& stored = revisions_[by_id_.at(revision.id)];
  if (stored.checksum.empty() && !stored.path.empty()) stored.checksum = checksum_of(read_text(stored.path));
  return stored.checksum;
}

}  // namespace dbmig::revision
