// Fuzz target: a revision file's fast header scan (revision/header_scan.hpp) and its full parse.
// Where the scan reads a header and the full parse reads the file, both must read the same header
// (the promise of header_scan.hpp, which the graph and the header cache rely on).
#include "fuzz_support.hpp"
#include "revision/header_scan.hpp"
#include "revision/revision.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = dbmig::fuzz::text_of(data, size);
  const std::filesystem::path path = "fuzz_revision.yaml";
  const auto scanned = dbmig::revision::scan_header(text, path);  // never throws
  try {
    const dbmig::revision::Revision parsed = dbmig::revision::parse_revision(text, path, dbmig::schema::NamingConvention{});
    if (scanned) {
      using dbmig::fuzz::require;
      require(scanned->id == parsed.id, "the scan reads the parser's revision");
      require(scanned->down_revisions == parsed.down_revisions, "the scan reads the parser's down_revision");
      require(scanned->message == parsed.message, "the scan reads the parser's message");
      require(scanned->created_at == parsed.created_at, "the scan reads the parser's created_at");
      require(scanned->transactional == parsed.transactional, "the scan reads the parser's transactional");
      require(scanned->branch_labels == parsed.branch_labels, "the scan reads the parser's branch_labels");
    }
  } catch (const dbmig::Error&) {
    // A bad file: the scan may still have read its header (steps are parsed only when needed).
  }
  return 0;
}
