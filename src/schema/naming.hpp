#pragma once
// Names for constraints and indexes the user did not name (dbmig.yaml `naming_convention`), so
// that names are stable across runs and a downgrade can drop what an upgrade created.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::schema {

// PostgreSQL silently cuts longer identifiers to this many bytes; SQLite has no limit. Names are
// kept within it everywhere so that a model and an introspected database agree.
inline constexpr std::size_t max_identifier_length = 63;

struct NamingConvention {
  std::string pk = "pk_%(table)s";
  std::string ix = "ix_%(table)s_%(columns)s";
  std::string uq = "uq_%(table)s_%(columns)s";
  std::string fk = "fk_%(table)s_%(columns)s_%(referred_table)s";
  std::string ck = "ck_%(table)s_%(name)s";

  // Fill a pattern's %(table)s, %(columns)s (joined with "_"), %(column_0)s,
  // %(referred_table)s and %(name)s placeholders.
  static std::string expand(std::string_view pattern, std::string_view table,
                            const std::vector<std::string>& columns,
                            std::string_view referred_table = {}, std::string_view name = {});

  // Throws std::invalid_argument naming the first placeholder that expand() does not know
  // (a typo such as %(tabel)s), or a %( that is not closed by )s.
  static void check_pattern(std::string_view pattern);

  // Whether the pattern has a %(name)s placeholder (then a constraint must be given a name).
  static bool uses_name(std::string_view pattern);

  // The final name of a constraint or index, the way SQLAlchemy's naming conventions work:
  // - `given` is the user's name. It fills the pattern's %(name)s ("title_not_empty" ->
  //   "ck_posts_title_not_empty"), unless the pattern has no %(name)s or `given` already has the
  //   pattern's form (so resolving is idempotent and introspected names read back unchanged).
  // - Without `given`, the pattern is filled in; nullopt when the pattern needs a %(name)s.
  // A name produced from the pattern that exceeds max_identifier_length is cut to it, ending in
  // a hash of the whole name so that different long names stay different.
  static std::optional<std::string> resolve(std::string_view pattern, const std::optional<std::string>& given,
                                            std::string_view table, const std::vector<std::string>& columns,
                                            std::string_view referred_table = {});
};

}  // namespace dbmig::schema
