CREATE TABLE t (a TEXT DEFAULT 'open string, b "open identifier [open bracket `open backtick /* open comment -- and
