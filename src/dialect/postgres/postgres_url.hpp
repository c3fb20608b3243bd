#pragma once
// The checks of a PostgreSQL URL (postgresql://user:password@host:port,host2:port2/dbname?k=v)
// made before libpq sees it, so that a typo is a configuration error naming what is wrong (exit 2),
// not a failed connection (exit 3). libpq gets the URL whole.
#include <string>
#include <string_view>

namespace dbmig::dialect::postgres {

// Checks what follows "postgresql://" the way libpq reads a connection URI: percent-encoding,
// ports (1 to 65535), query parameters that libpq knows, sslmode's value, an unencoded '@' in the
// password. Throws dbmig::Error (usage) saying what is wrong, showing `masked_url` only.
void check_postgres_uri(std::string_view after_scheme, const std::string& masked_url);

}  // namespace dbmig::dialect::postgres
