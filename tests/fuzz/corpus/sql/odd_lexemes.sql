create table if not exists main.t(a default x'DEADbeef', b real default .5e-3, c default 0x1F, d default 1e, e check(a>=b||c!=d<>e), f$ int, "a""b" text, [x]]y] int, 'str''s' int, é int)--end
