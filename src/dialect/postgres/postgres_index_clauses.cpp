// The parts of CREATE INDEX and UNIQUE that PostgreSQL has beyond standard SQL (the shared
// SqlRenderer refuses them for other databases).
#include "dialect/postgres/postgres_renderer.hpp"
#include "util/text.hpp"

namespace dbmig::dialect::postgres {

std::string PostgresRenderer::index_method(const schema::Index& index) const {
  return index.method.empty() ? std::string() : " USING " + quote_identifier(index.method);
}

// An operator class may be schema-qualified (extensions' classes: public.gin_trgm_ops).
std::string PostgresRenderer::index_term_options(const schema::Index& /*index*/, const schema::IndexTerm& term) const {
  if (!term.opclass) return {};
  const std::string& name = *term.opclass;
  const std::size_t dot = name.find('.');
  if (dot == std::string::npos) return " " + quote_identifier(name);
  return " " + quote_identifier(name.substr(0, dot)) + "." + quote_identifier(name.substr(dot + 1));
}

std::string PostgresRenderer::index_term_nulls(const schema::Index& /*index*/, const schema::IndexTerm& term) const {
  if (!term.nulls) return {};
  return *term.nulls == schema::NullsOrder::first ? " NULLS FIRST" : " NULLS LAST";
}

std::string PostgresRenderer::index_tail(const schema::Index& index) const {
  std::string sql;
  if (!index.include.empty()) sql += " INCLUDE " + column_list(index.include);
  if (index.nulls_not_distinct) sql += " NULLS NOT DISTINCT";
  return sql;
}

std::string PostgresRenderer::unique_nulls(const schema::UniqueConstraint& unique) const {
  return unique.nulls_not_distinct ? " NULLS NOT DISTINCT" : std::string();
}

}  // namespace dbmig::dialect::postgres
