// Revision ids, file-name slugs and file checksums.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <random>

#include "revision/revision.hpp"
#include "revision/sha256.hpp"

namespace dbmig::revision {

std::string new_revision_id() {
  std::random_device entropy;
  // 48 random bits: two draws, since random_device yields 32 bits at a time.
  const std::uint64_t bits = (static_cast<std::uint64_t>(entropy()) << 32 | entropy()) & 0xffffffffffffULL;
  static constexpr char digits[] = "0123456789abcdef";
  std::string id(12, '0');
  for (int i = 11, shift = 0; i >= 0; --i, shift += 4) id[static_cast<std::size_t>(i)] = digits[(bits >> shift) & 0xf];
  return id;
}

std::string slugify(std::string_view message) {
  constexpr std::size_t max_length = 40;
  std::string slug;
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && std::isalnum(byte)) {
      slug += static_cast<char>(std::tolower(byte));
    } else if (!slug.empty() && slug.back() != '_') {
      slug += '_';  // one '_' for each run of anything else
    }
    if (slug.size() >= max_length) break;
  }
  slug.resize(std::min(slug.size(), max_length));
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  return slug.empty() ? "revision" : slug;
}

std::string checksum_of(std::string_view text) {
  // The same file checked out with CRLF line endings (Git on Windows) is the same revision.
  // Most files have none: they are hashed as they are, without a copy.
  if (text.find('\r') == std::string_view::npos) return sha256_hex(text);
  std::string normalised;
  normalised.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) normalised += text[i];
  return sha256_hex(normalised);
}

}  // namespace dbmig::revision
