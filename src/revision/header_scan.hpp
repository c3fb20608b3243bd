#pragma once
// A fast read of a revision file's header (revision, down_revision, message, created_at,
// transactional, branch_labels) without parsing its steps, so that commands which only walk the
// graph (current, heads, history, revision, migrate) read a thousand files in milliseconds.
// It understands the YAML that dbmig writes and the plain styles people type by hand; anything
// else is left to the full parser, which also reports mistakes with file:line:column.
// Its readings are kept in the header cache (header_cache.hpp): a change of what it reads from a
// file must take a new format number there, or old readings would be served.
#include <filesystem>
#include <optional>
#include <string_view>

#include "revision/revision.hpp"

namespace dbmig::revision {

// The header of a revision file's text, with empty steps and no checksum; nullopt when the text
// uses YAML this scan does not read (block scalars, anchors, multi-line values, unknown or
// repeated keys, a missing required key...). Never throws for a bad file: the caller parses
// such a file in full, which either reads it or says what is wrong.
std::optional<Revision> scan_header(std::string_view text, const std::filesystem::path& path);

}  // namespace dbmig::revision
