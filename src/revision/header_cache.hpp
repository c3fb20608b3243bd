#pragma once
// The header cache: the header fields (revision, down_revision, message, created_at,
// transactional, branch_labels) of a versions directory's revision files, kept in one file under
// $XDG_CACHE_HOME/dbmig/ (else ~/.cache/dbmig/), so that loading the graph of a thousand unchanged
// revisions reads one file and stats each revision file instead of opening and reading them all.
//
// A file's entry holds its stamp (size, mtime, ctime, inode, device); an entry is used only while
// the file's stamp is still exactly that. Only headers the quick scan (header_scan.hpp) read are
// kept: a file left to the full parser is read every time, so its errors stay what they were.
// The cache is only ever an optimisation: a missing, unreadable, foreign or damaged cache file is
// ignored, a cache that cannot be written is not written, and nothing here throws for them.
// DBMIG_NO_CACHE=1 turns it off.
#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "revision/revision.hpp"

namespace dbmig::revision {

// What says that a file is the one whose header was cached: any write changes the size or the
// times (a write in place changes mtime and ctime; a rename over it, as editors and git do,
// changes the inode; touch, chmod and chown change ctime, and ctime cannot be set by hand).
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;  // since the epoch
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;

  static FileStamp of(const struct stat& status);
  bool operator==(const FileStamp&) const = default;
};

class HeaderCache {
 public:
  // How long a file must have been left alone before its header is cached. File times come from
  // a clock that ticks every few milliseconds (every second or two on some file systems), and
  // until Linux 6.13 two writes of the same size within one tick left the same stamp: a file
  // edited again in the tick it was read in would look unchanged, and its old header would be
  // served until its next edit. A file whose ctime is older than this (measured when the load
  // began, before its stat) was last changed before the load, so any later change has a later
  // ctime. Freshly written files are read, not cached, until they are this old.
  static constexpr std::chrono::nanoseconds default_settle_time = std::chrono::seconds(2);

  // The cache file for a versions directory (its absolute, canonical path): under
  // $XDG_CACHE_HOME/dbmig/ when that is an absolute path, else $HOME/.cache/dbmig/, named after a
  // hash of the path. nullopt when DBMIG_NO_CACHE is set (to anything but "" or "0") or there is
  // no usable home.
  static std::optional<std::filesystem::path> default_file(const std::filesystem::path& versions_dir);
  // Whether DBMIG_NO_CACHE turns the cache off.
  static bool disabled_by_environment();

  // Reads the cache file `file` for `versions_dir` (canonical). A file that is missing, not the
  // current user's, for another directory, of another format version, or that does not parse
  // whole is ignored: the cache starts empty. `now` is when the load began.
  HeaderCache(std::filesystem::path file, std::filesystem::path versions_dir,
              std::chrono::nanoseconds settle_time = default_settle_time,
              std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

  // The cached header of the file `name` if the cache has one for exactly this stamp, else
  // nullptr. The caller may move from it (it is not looked at again), and must pass it to save()
  // among the entries to keep.
  Revision* find(std::string_view name, const FileStamp& stamp);
  // Whether a header just read from a file with this stamp may be cached (settle_time above).
  bool may_keep(const FileStamp& stamp) const;

  // One entry of the cache as save() writes it; `header` is read for its header fields only.
  struct EntryRef {
    std::string_view name;
    FileStamp stamp;
    const Revision* header;
  };
  // Writes the cache file with `entries` (sorted by name, unique): every hit of find() and the
  // headers read that may_keep() allowed. Writes only when that differs from the file read (new,
  // changed or dropped entries), to a temporary file in the cache directory renamed over the old
  // one, so that a reader, or another dbmig writing at the same time, never sees half a file.
  // Returns whether it wrote; failures are logged at debug level, never thrown.
  bool save(const std::vector<EntryRef>& entries);

  // The names find() served, in the order asked (for tests and the debug log).
  const std::vector<std::string>& served() const { return served_; }
  // How many entries the cache file held when it was read (0 when it was ignored).
  std::size_t loaded_size() const { return entries_.size(); }
  const std::filesystem::path& file() const { return file_; }

  // The text save() writes, and its reading back (nullopt unless it parses whole): exposed for tests.
  struct Entry {
    std::string name;
    FileStamp stamp;
    Revision header;
  };
  static std::string format(const std::string& versions_dir, const std::vector<EntryRef>& entries);
  static std::optional<std::vector<Entry>> parse(std::string_view text, const std::string& versions_dir);

 private:
  std::filesystem::path file_;
  std::string versions_dir_;
  std::int64_t settled_before_ns_;  // ctime limit for may_keep
  std::vector<Entry> entries_;      // sorted by name
  std::vector<std::string> served_;
};

}  // namespace dbmig::revision
