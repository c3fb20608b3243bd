#include "dialect/postgres/catalog_queries.hpp"

namespace dbmig::dialect::postgres::catalog {
namespace {

// The tables every query reads, as a CTE the query starts with.
constexpr std::string_view kTables =
    "WITH tables AS ("
    "SELECT c.oid, n.nspname, c.relname, n.nspname = current_schema() AS in_current_schema, c.relpersistence "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
    "AND (n.nspname = current_schema() OR n.nspname = ANY ($1::text[]))) ";

// {"a","b"}: every element quoted, so that no schema name can break the literal.
std::string text_array(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (const std::string& value : values) {
    if (literal.size() > 1) literal += ',';
    literal += '"';
    for (const char c : value) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
}

Statement over_tables(std::string_view select, const std::vector<std::string>& schemas) {
  return Statement{std::string(kTables) + std::string(select), {text_array(schemas)}};
}

}  // namespace

Statement tables(const std::vector<std::string>& schemas) {
  return over_tables(
      "SELECT t.oid, t.nspname, t.relname, t.in_current_schema, d.description, t.relpersistence = 'u' "
      "FROM tables t LEFT JOIN pg_catalog.pg_description d "
      "ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0 "
      "ORDER BY t.in_current_schema DESC, t.nspname, t.relname",
      schemas);
}

Statement columns(const std::vector<std::string>& schemas) {
  return over_tables(
      "SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
      "pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true), a.attidentity, "
      // A serial column: a sequence depends on it automatically (an identity's sequence depends
      // internally, an index automatically but is no sequence). Looked up for defaults only.
      "ad.oid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_class s "
      "ON s.oid = dep.objid AND s.relkind = 'S' WHERE dep.classid = 'pg_catalog.pg_class'::regclass "
      "AND dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.refobjid = a.attrelid "
      "AND dep.refobjsubid = a.attnum AND dep.deptype = 'a'), "
      "CASE WHEN ty.typtype = 'e' THEN ty.oid END, d.description, a.attgenerated, "
      // The column's collation where it is not its type's: COLLATE "C" on a text column.
      "CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END "
      "FROM tables t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid "
      "JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid "
      "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
      "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
      "LEFT JOIN pg_catalog.pg_description d "
      "ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum "
      "WHERE a.attnum > 0 AND NOT a.attisdropped "
      "ORDER BY a.attrelid, a.attnum",
      schemas);
}

Statement enum_types(const std::vector<std::string>& schemas) {
  return over_tables(
      "SELECT ty.oid, n.nspname, ty.typname, n.nspname = current_schema(), e.enumlabel "
      "FROM pg_catalog.pg_type ty JOIN pg_catalog.pg_namespace n ON n.oid = ty.typnamespace "
      "LEFT JOIN pg_catalog.pg_enum e ON e.enumtypid = ty.oid "
      "WHERE ty.typtype = 'e' AND (ty.oid IN (SELECT a.atttypid FROM tables t JOIN pg_catalog.pg_attribute a "
      "ON a.attrelid = t.oid WHERE a.attnum > 0 AND NOT a.attisdropped) "
      "OR ((n.nspname = current_schema() OR n.nspname = ANY ($1::text[])) "
      "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = 'pg_catalog.pg_type'::regclass "
      "AND dep.objid = ty.oid AND dep.deptype = 'e'))) "
      "ORDER BY n.nspname = current_schema() DESC, n.nspname, ty.typname, e.enumsortorder",
      schemas);
}

Statement constraints(const std::vector<std::string>& schemas) {
  return over_tables(
      "SELECT con.conrelid, con.conname, con.contype, a.attname, fa.attname, fn.nspname, fc.relname, "
      "fn.nspname = t.nspname, con.confdeltype, con.confupdtype, "
      "pg_catalog.pg_get_expr(con.conbin, con.conrelid, true), con.condeferrable, con.condeferred, "
      // indnullsnotdistinct: PostgreSQL 15+, read as in indexes() below.
      "(SELECT (pg_catalog.to_jsonb(ci) ->> 'indnullsnotdistinct')::boolean FROM pg_catalog.pg_index ci "
      "WHERE ci.indexrelid = con.conindid AND con.contype = 'u'), con.connoinherit "
      "FROM tables t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid "
      "LEFT JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, position) ON true "
      "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
      "LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid "
      "LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace "
      "LEFT JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum "
      "WHERE con.contype IN ('p', 'u', 'f', 'c') "
      "ORDER BY con.conrelid, con.conname, k.position",
      schemas);
}

// One row per index column, key columns first, then INCLUDE columns. Options a term has by
// default are left NULL: the collation when it is the column's (or the expression type's), the
// operator class when it is its type's default. indnullsnotdistinct (PostgreSQL 15+) is read
// through to_jsonb so that the query also runs on older servers, where it is absent (NULL).
Statement indexes(const std::vector<std::string>& schemas) {
  return over_tables(
      "SELECT i.indrelid, ic.relname, i.indisunique, a.attname, "
      "pg_catalog.pg_get_indexdef(i.indexrelid, k.position, true), "
      "pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), "
      "k.position > i.indnkeyatts, am.amname, i.indoption[k.position - 1], "
      "CASE WHEN i.indcollation[k.position - 1] <> 0 "
      "AND i.indcollation[k.position - 1] <> COALESCE(a.attcollation, ty.typcollation) THEN coll.collname END, "
      "CASE WHEN NOT opc.opcdefault THEN opc.opcname END, "
      "(pg_catalog.to_jsonb(i) ->> 'indnullsnotdistinct')::boolean "
      "FROM tables t JOIN pg_catalog.pg_index i ON i.indrelid = t.oid "
      "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
      "JOIN pg_catalog.pg_am am ON am.oid = ic.relam "
      "CROSS JOIN LATERAL generate_series(1, i.indnatts) AS k(position) "
      "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.position - 1] "
      "AND a.attnum > 0 "
      "LEFT JOIN pg_catalog.pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.position "
      "LEFT JOIN pg_catalog.pg_type ty ON ty.oid = ia.atttypid "
      "LEFT JOIN pg_catalog.pg_collation coll ON coll.oid = i.indcollation[k.position - 1] "
      "LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k.position - 1] "
      "WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con "
      "WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) "
      "ORDER BY i.indrelid, ic.relname, k.position",
      schemas);
}

}  // namespace dbmig::dialect::postgres::catalog
