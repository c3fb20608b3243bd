#pragma once
// SHA-256 (FIPS 180-4), for revision file checksums: small enough to own rather than pull in a
// crypto library for one digest.
#include <string>
#include <string_view>

namespace dbmig::revision {

// The digest of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace dbmig::revision
