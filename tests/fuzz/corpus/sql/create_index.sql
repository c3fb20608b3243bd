CREATE UNIQUE INDEX IF NOT EXISTS "ix" ON "t" (lower("email") COLLATE nocase DESC, (a + b), "c" ASC) WHERE "a" IS NOT NULL AND b IN (1, 2, (3))
