#pragma once
// One revision file: migrations/versions/<rev>_<slug>.yaml.
#include <filesystem>
#include <string>
#include <vector>

#include "ops/op.hpp"
#include "schema/naming.hpp"
#include "util/error.hpp"

namespace dbmig::revision {

struct Revision {
  std::string id;                          // 12 lower-case hex digits for generated ones
  std::vector<std::string> down_revisions; // empty for a root; several for a merge
  std::string message;
  std::string created_at;                  // ISO 8601 UTC
  bool transactional = true;
  std::vector<std::string> branch_labels;
  std::vector<ops::Op> upgrade;
  std::vector<ops::Op> downgrade;
  // Where each step was written (file:line:column of its `kind:` key), parallel to upgrade and
  // downgrade, for reports that point at a step (dbmig lint). Empty for revisions built in code.
  std::vector<Location> upgrade_positions;
  std::vector<Location> downgrade_positions;
  std::filesystem::path path;              // the file it was read from / written to
  std::string checksum;                    // of the file text, line endings normalised
};

// Parses a revision file. Throws dbmig::Error (usage) with file:line:column.
Revision read_revision_file(const std::filesystem::path& path, const schema::NamingConvention& naming);
Revision parse_revision(std::string_view text, const std::filesystem::path& path,
                        const schema::NamingConvention& naming);

// Renders a revision with the template (migrations/revision.yaml.tmpl) and returns the text.
// Template placeholders: ${revision} ${down_revision} ${message} ${created_at}
// ${transactional} ${upgrade} ${downgrade} ${warnings} ${branch_labels}. Values are written so
// YAML reads them back unchanged (the message always double-quoted); ${upgrade}/${downgrade}
// become `[]` or a block list below the key. ${warnings} (`# WARNING: ...` lines) and
// ${branch_labels} (`branch_labels: [...]`) stand on a line of their own, which is left out
// when there is nothing to say. An unknown placeholder is an error at its template line.
// Trailing blanks are trimmed from every line.
std::string render_revision(const Revision& revision, std::string_view template_text,
                            const std::vector<std::string>& warnings = {});

// A new random revision id (12 hex digits).
std::string new_revision_id();
// "Create users and posts" -> "create_users_and_posts" (lower-case ASCII letters, digits, '_',
// max 40 chars); "revision" when nothing of the message is left.
std::string slugify(std::string_view message);
// Checksum of a revision file's text: CRLF read as LF, then SHA-256 as 64 hex digits.
std::string checksum_of(std::string_view text);

}  // namespace dbmig::revision
