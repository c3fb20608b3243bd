-- The floor of introspection on SQLite (scenarios 2 and 3): what any tool must read to know the
-- schema, in a few bulk queries over every table at once, run by sqlite3 with the rows discarded.
-- Tables and their CREATE statements (and triggers, views):
SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_schema m WHERE m.name NOT LIKE 'sqlite\_%' ESCAPE '\';
-- Columns:
SELECT m.name, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY m.name, p.cid;
-- Indexes and unique constraints with their columns:
SELECT m.name, il.name, il."unique", il.origin, ii.seqno, ii.cid, ii.name, s.sql
FROM sqlite_schema m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii
LEFT JOIN sqlite_schema s ON s.type = 'index' AND s.name = il.name
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND ii.key
ORDER BY m.name, il.name, ii.seqno;
-- Foreign keys:
SELECT m.name, f.id, f.seq, f."table", f."from", f."to", f.on_update, f.on_delete
FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY m.name, f.id, f.seq;
