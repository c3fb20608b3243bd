-- The floor of introspection on MySQL/MariaDB (scenarios 2 and 3): what any tool must read to know
-- the schema of the current database's tables, in one bulk information_schema query per kind of
-- object, run by the `mariadb` client with the rows discarded (the same queries dbmig sends:
-- src/dialect/mysql/mysql_catalog_queries.cpp).
-- Tables with their comments and options:
SELECT d.name, t.TABLE_NAME, t.TABLE_COMMENT, t.ENGINE, t.TABLE_COLLATION
FROM (SELECT DATABASE() AS name) d LEFT JOIN information_schema.TABLES t
ON t.TABLE_SCHEMA = d.name AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY BINARY t.TABLE_NAME;
-- Columns with types, defaults, AUTO_INCREMENT and generation:
SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION,
       COLLATION_NAME, COLUMN_COMMENT
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY BINARY TABLE_NAME, ORDINAL_POSITION;
-- Indexes (primary key and unique constraints included) with their columns:
SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, COLLATION
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY BINARY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX;
-- Foreign keys with their columns and actions:
SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME,
       k.REFERENCED_COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA = k.TABLE_SCHEMA, r.UPDATE_RULE, r.DELETE_RULE
FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r
ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY BINARY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION;
-- Check constraints:
SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY BINARY TABLE_NAME, CONSTRAINT_NAME;
