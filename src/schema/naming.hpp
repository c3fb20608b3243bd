#pragma once
// Names for constraints and indexes the user did not name (dbmig.yaml `naming_convention`), so
// that names are stable across runs and a downgrade can drop what an upgrade created.
#include <string>
#include <string_view>
#include <vector>

namespace dbmig::schema {

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
};

}  // namespace dbmig::schema
