// PostgresRenderer::record_revision: the bookkeeping of one revision run in one statement.
//
// Each statement sent to PostgreSQL is a round trip, and a revision's bookkeeping is a DELETE and
// an INSERT on the version table plus the history INSERT: three round trips for every revision,
// against the one of a hand-written `UPDATE` (what bench/ compares with). Written as
//
//   WITH "dbmig_1" AS (DELETE FROM "v" WHERE "version_num" = $1),
//        "dbmig_2" AS (INSERT INTO "v" ("version_num") VALUES ($2))
//   INSERT INTO "h" (...) VALUES ($3, ...)
//
// they are one statement and one round trip, with every value still bound. PostgreSQL runs every
// data-modifying WITH query to completion whether or not it is referenced, all against the same
// snapshot; they touch different rows (a head gone, a head new, a history row), so the result is
// that of the separate statements, and a failure of any fails the whole statement.
#include "dialect/postgres/postgres_renderer.hpp"

namespace dbmig::dialect::postgres {

std::vector<Statement> PostgresRenderer::record_revision(std::string_view version_table,
                                                         std::string_view history_table,
                                                         const std::vector<std::string>& before,
                                                         const std::vector<std::string>& after,
                                                         const HistoryEntry& entry, AppliedBy applied_by) const {
  std::vector<Statement> separate =
      SqlRenderer::record_revision(version_table, history_table, before, after, entry, applied_by);
  if (separate.size() < 2) return separate;

  Statement combined;
  std::string with;
  for (std::size_t i = 0; i + 1 < separate.size(); ++i) {
    with += with.empty() ? "WITH " : ", ";
    with += quote_identifier("dbmig_" + std::to_string(i + 1)) + " AS (" +
            shift_placeholders(separate[i].sql, combined.params.size()) + ")";
    for (auto& param : separate[i].params) combined.params.push_back(std::move(param));
  }
  combined.sql = with + " " + shift_placeholders(separate.back().sql, combined.params.size());
  for (auto& param : separate.back().params) combined.params.push_back(std::move(param));
  return {std::move(combined)};
}

}  // namespace dbmig::dialect::postgres
