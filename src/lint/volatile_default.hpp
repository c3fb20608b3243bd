#pragma once
// Whether a column default calls a volatile function. PostgreSQL 11+ adds a column with a
// constant or stable default (0, 'x', now()) by storing the value once in the catalog; a volatile
// default (random(), gen_random_uuid(), clock_timestamp(), nextval(...)) has to be computed for
// every row, so ADD COLUMN rewrites the whole table under ACCESS EXCLUSIVE.
#include <string_view>

namespace dbmig::lint {

// True when `default_sql` calls one of PostgreSQL's common volatile functions. A user-defined
// volatile function is not recognised (lint has no catalog to ask).
bool calls_volatile_function(std::string_view default_sql);

}  // namespace dbmig::lint
