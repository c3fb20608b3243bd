#include "revision/header_cache.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include <spdlog/spdlog.h>

#include "revision/sha256.hpp"

namespace dbmig::revision {

namespace fs = std::filesystem;

// The cache file, version 2 (2: ids and branch labels checked by names.hpp): lines of tab-separated fields, each field escaped (\\ \t \n \r):
//
//   dbmig header cache 2 <dbmig version>
//   <versions directory>
//   <name> <size> <mtime ns> <ctime ns> <inode> <device> <revision> <transactional 0|1>
//       <created_at> <message> <count> <down_revision>... <count> <branch label>...   (one a file)
//   end <entries> <FNV-1a 64 of everything above, 16 hex digits>
//
// The last line makes a cut-off, half-written or damaged file fail to parse (a file is renamed
// into place only once written whole, but a crash can still leave a file whose blocks never
// reached the disk). Any change of layout, or of what the header scan reads from a file, takes a
// new format number; another dbmig version ignores the file anyway.
namespace {

constexpr std::string_view magic = "dbmig header cache 2 " DBMIG_VERSION;
constexpr std::size_t max_file_size = 256u << 20;  // a sanity limit, far above any real project

std::int64_t nanoseconds(const timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + static_cast<std::int64_t>(time.tv_nsec);
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

void append_escaped(std::string& out, std::string_view text) {
  std::size_t plain = 0;  // the start of the run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\\' && c != '\t' && c != '\n' && c != '\r') continue;
    out.append(text.data() + plain, i - plain);
    out += '\\';
    out += c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
    plain = i + 1;
  }
  out.append(text.data() + plain, text.size() - plain);
}

template <typename Number>
void append_number(std::string& out, Number number) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, number);
  out.append(digits, result.ptr);
}

void append_hex(std::string& out, std::uint64_t number) {
  char digits[16];
  for (int i = 15; i >= 0; --i, number >>= 4) digits[i] = "0123456789abcdef"[number & 15];
  out.append(digits, sizeof digits);
}

bool unescape(std::string_view field, std::string& out) {
  out.clear();
  if (field.find('\\') == std::string_view::npos) {
    out.assign(field);
    return true;
  }
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out += field[i];
      continue;
    }
    if (++i == field.size()) return false;
    switch (field[i]) {
      case '\\': out += '\\'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      default: return false;
    }
  }
  return true;
}

// A number as append_number wrote it: no sign but '-', no leading zero.
template <typename Number>
bool parse_number(std::string_view field, Number& number) {
  const std::string_view digits = field.starts_with('-') ? field.substr(1) : field;
  if (digits.empty() || (digits[0] == '0' && (digits.size() > 1 || digits.size() < field.size()))) return false;
  const auto result = std::from_chars(field.data(), field.data() + field.size(), number);
  return result.ec == std::errc{} && result.ptr == field.data() + field.size();
}

// Splits a line at its tabs into `fields` (reused from line to line).
void split(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

// The list field at `fields[at]` (a count, then that many values) into `values`; advances `at`.
bool parse_list(const std::vector<std::string_view>& fields, std::size_t& at, std::vector<std::string>& values) {
  std::size_t count = 0;
  if (at >= fields.size() || !parse_number(fields[at], count) || count > fields.size() - at - 1) return false;
  ++at;
  values.resize(count);
  for (auto& value : values)
    if (!unescape(fields[at++], value)) return false;
  return true;
}

bool parse_entry(const std::vector<std::string_view>& fields, HeaderCache::Entry& entry) {
  constexpr std::size_t fixed = 12;  // the fields besides the two lists' values
  if (fields.size() < fixed) return false;
  FileStamp& stamp = entry.stamp;
  Revision& header = entry.header;
  if (!unescape(fields[0], entry.name) || entry.name.empty() || entry.name.find('/') != std::string::npos ||
      !parse_number(fields[1], stamp.size) || !parse_number(fields[2], stamp.mtime_ns) ||
      !parse_number(fields[3], stamp.ctime_ns) || !parse_number(fields[4], stamp.inode) ||
      !parse_number(fields[5], stamp.device) || !unescape(fields[6], header.id) || header.id.empty())
    return false;
  if (fields[7] != "0" && fields[7] != "1") return false;
  header.transactional = fields[7] == "1";
  if (!unescape(fields[8], header.created_at) || !unescape(fields[9], header.message)) return false;
  std::size_t at = 10;
  return parse_list(fields, at, header.down_revisions) && parse_list(fields, at, header.branch_labels) &&
         at == fields.size();
}

std::optional<std::string> read_cache_file(const fs::path& file) {
  const int descriptor = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (descriptor < 0) {
    if (errno != ENOENT) spdlog::debug("header cache: cannot open {}: {}", file.string(), std::strerror(errno));
    return std::nullopt;
  }
  std::string text;
  struct stat status {};
  // Only a regular file of one's own: a cache another user could write would let them choose
  // what the graph of one's revisions looks like.
  bool ok = ::fstat(descriptor, &status) == 0 && S_ISREG(status.st_mode) && status.st_uid == ::geteuid() &&
            static_cast<std::size_t>(status.st_size) <= max_file_size;
  if (ok) {
    text.resize(static_cast<std::size_t>(status.st_size));
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t count = ::read(descriptor, text.data() + done, text.size() - done);
      if (count < 0 && errno == EINTR) continue;
      if (count <= 0) break;
      done += static_cast<std::size_t>(count);
    }
    ok = done == text.size();
  }
  ::close(descriptor);
  if (!ok) {
    spdlog::debug("header cache: ignoring {} (not a readable file of this user)", file.string());
    return std::nullopt;
  }
  return text;
}

bool write_all(int descriptor, std::string_view text) {
  while (!text.empty()) {
    const ssize_t count = ::write(descriptor, text.data(), text.size());
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(count));
  }
  return true;
}

// A short readable part of the cache file's name: the project's folder, that is the versions
// directory's name, or its parent's or grandparent's for the usual <project>/migrations/versions.
std::string readable_suffix(const fs::path& versions_dir) {
  fs::path folder = versions_dir;
  if (folder.filename() == "versions") folder = folder.parent_path();
  if (folder.filename() == "migrations") folder = folder.parent_path();
  std::string suffix;
  for (const char c : folder.filename().string()) {
    if (suffix.size() == 32) break;
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.';
    suffix += plain ? c : '_';
  }
  return suffix.empty() ? "root" : suffix;
}

}  // namespace

FileStamp FileStamp::of(const struct stat& status) {
  FileStamp stamp;
  stamp.size = static_cast<std::int64_t>(status.st_size);
  stamp.mtime_ns = nanoseconds(status.st_mtim);
  stamp.ctime_ns = nanoseconds(status.st_ctim);
  stamp.inode = static_cast<std::uint64_t>(status.st_ino);
  stamp.device = static_cast<std::uint64_t>(status.st_dev);
  return stamp;
}

bool HeaderCache::disabled_by_environment() {
  const char* value = std::getenv("DBMIG_NO_CACHE");
  return value && *value && std::string_view(value) != "0";
}

std::optional<fs::path> HeaderCache::default_file(const fs::path& versions_dir) {
  if (disabled_by_environment()) return std::nullopt;
  // The XDG base directory specification: a relative path in these variables is to be ignored.
  fs::path base;
  if (const char* cache_home = std::getenv("XDG_CACHE_HOME"); cache_home && *cache_home == '/') {
    base = cache_home;
  } else if (const char* home = std::getenv("HOME"); home && *home == '/') {
    base = fs::path(home) / ".cache";
  } else {
    return std::nullopt;
  }
  const std::string name = sha256_hex(versions_dir.string()).substr(0, 32) + "-" + readable_suffix(versions_dir);
  return base / "dbmig" / (name + ".headers");
}

HeaderCache::HeaderCache(fs::path file, fs::path versions_dir, std::chrono::nanoseconds settle_time,
                         std::chrono::system_clock::time_point now)
    : file_(std::move(file)),
      versions_dir_(versions_dir.string()),
      settled_before_ns_(
          std::chrono::duration_cast<std::chrono::nanoseconds>((now - settle_time).time_since_epoch()).count()) {
  const auto text = read_cache_file(file_);
  if (!text) return;
  if (auto entries = parse(*text, versions_dir_)) {
    entries_ = std::move(*entries);
  } else {
    spdlog::debug("header cache: ignoring {}, which does not parse", file_.string());
  }
}

Revision* HeaderCache::find(std::string_view name, const FileStamp& stamp) {
  const auto entry = std::lower_bound(entries_.begin(), entries_.end(), name,
                                      [](const Entry& candidate, std::string_view key) { return candidate.name < key; });
  if (entry == entries_.end() || entry->name != name || entry->stamp != stamp) return nullptr;
  served_.emplace_back(name);
  return &entry->header;
}

bool HeaderCache::may_keep(const FileStamp& stamp) const { return stamp.ctime_ns < settled_before_ns_; }

std::string HeaderCache::format(const std::string& versions_dir, const std::vector<EntryRef>& entries) {
  std::string text;
  text.reserve(64 + versions_dir.size() + entries.size() * 200);
  text += magic;
  text += '\n';
  append_escaped(text, versions_dir);
  text += '\n';
  for (const auto& entry : entries) {
    const Revision& header = *entry.header;
    append_escaped(text, entry.name);
    for (const std::int64_t number : {entry.stamp.size, entry.stamp.mtime_ns, entry.stamp.ctime_ns}) {
      text += '\t';
      append_number(text, number);
    }
    for (const std::uint64_t number : {entry.stamp.inode, entry.stamp.device}) {
      text += '\t';
      append_number(text, number);
    }
    text += '\t';
    append_escaped(text, header.id);
    text += header.transactional ? "\t1\t" : "\t0\t";
    append_escaped(text, header.created_at);
    text += '\t';
    append_escaped(text, header.message);
    for (const auto* list : {&header.down_revisions, &header.branch_labels}) {
      text += '\t';
      append_number(text, list->size());
      for (const auto& value : *list) {
        text += '\t';
        append_escaped(text, value);
      }
    }
    text += '\n';
  }
  const std::uint64_t hash = fnv1a(text);
  text += "end\t";
  append_number(text, entries.size());
  text += '\t';
  append_hex(text, hash);
  text += '\n';
  return text;
}

std::optional<std::vector<HeaderCache::Entry>> HeaderCache::parse(std::string_view text, const std::string& versions_dir) {
  // The last line first: it vouches for the rest.
  if (text.size() < 2 || text.back() != '\n') return std::nullopt;
  const std::size_t last_start = text.rfind('\n', text.size() - 2) + 1;  // npos + 1 == 0
  const std::string_view body = text.substr(0, last_start);
  std::vector<std::string_view> fields;
  split(text.substr(last_start, text.size() - 1 - last_start), fields);
  std::size_t count = 0;
  std::string hash;
  append_hex(hash, fnv1a(body));
  if (fields.size() != 3 || fields[0] != "end" || !parse_number(fields[1], count) || fields[2] != hash)
    return std::nullopt;

  std::size_t at = 0;
  const auto next_line = [&](std::string_view& line) {
    const std::size_t end = body.find('\n', at);
    if (end == std::string_view::npos) return false;
    line = body.substr(at, end - at);
    at = end + 1;
    return true;
  };
  std::string_view line;
  std::string directory;
  if (!next_line(line) || line != magic || !next_line(line) || !unescape(line, directory) || directory != versions_dir)
    return std::nullopt;
  if (count > body.size() / 16) return std::nullopt;  // an entry takes more than 16 bytes
  std::vector<Entry> entries;
  entries.reserve(count);
  while (at < body.size()) {
    if (entries.size() == count || !next_line(line)) return std::nullopt;
    split(line, fields);
    Entry& entry = entries.emplace_back();
    if (!parse_entry(fields, entry)) return std::nullopt;
    if (entries.size() > 1 && !(entries[entries.size() - 2].name < entry.name)) return std::nullopt;  // sorted, unique
  }
  if (entries.size() != count) return std::nullopt;
  return entries;
}

bool HeaderCache::save(const std::vector<EntryRef>& entries) {
  // Every hit is among `entries`, each once: the same number of entries, all of them hits, is the
  // file as it was read.
  if (entries.size() == entries_.size() && served_.size() == entries.size()) return false;
  const std::string text = format(versions_dir_, entries);
  const fs::path directory = file_.parent_path();
  std::error_code error;
  fs::create_directories(directory.parent_path(), error);
  if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
    spdlog::debug("header cache: cannot create {}: {}", directory.string(), std::strerror(errno));
    return false;
  }
  std::string temporary = file_.string() + ".XXXXXX";
  const int descriptor = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (descriptor < 0) {
    spdlog::debug("header cache: cannot write in {}: {}", directory.string(), std::strerror(errno));
    return false;
  }
  const bool written = write_all(descriptor, text);
  const bool closed = ::close(descriptor) == 0;
  if (!written || !closed || ::rename(temporary.c_str(), file_.c_str()) != 0) {
    spdlog::debug("header cache: cannot write {}: {}", file_.string(), std::strerror(errno));
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}

}  // namespace dbmig::revision
