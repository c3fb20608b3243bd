// Fuzz target: database URLs (parsed by dialect/registry.hpp, each dialect checking its own), as --url, DATABASE_URL or dbmig.yaml give
// them, and the masking of passwords in any text.
#include "config/database_url.hpp"
#include "dialect/dialect.hpp"
#include "dialect/registry.hpp"
#include "fuzz_support.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = dbmig::fuzz::text_of(data, size);
  dbmig::config::mask_password(text);
  try {
    const dbmig::config::DatabaseUrl url = dbmig::dialect::parse_database_url(text);
    url.masked();
    dbmig::dialect::make_dialect(url);
  } catch (const dbmig::Error&) {
  }
  return 0;
}
