#pragma once
// MySQL/MariaDB URLs: mysql://user:password@host:port/database?charset=utf8mb4&ssl=true (mariadb://
// is the same). Taken apart here, since the client library has no URL parser of its own: it gets
// each part through mysql_real_connect and mysql_optionsv. A mistake in the URL is a configuration
// error naming what is wrong (exit 2), not a failed connection (exit 3).
#include <optional>
#include <string>
#include <string_view>

namespace dbmig::dialect::mysql {

enum class SslUse {
  server_default,  // no ssl parameter: the client library's default (TLS when the server offers it)
  off,             // ssl=false
  required,        // ssl=true / ssl=required: fail rather than talk in clear
  verify,          // ssl=verify: TLS, and the server's certificate checked against ssl_ca
};

struct MysqlUrl {
  std::string user;                    // empty: the operating-system user, as the mysql client does
  std::optional<std::string> password;  // decoded
  std::string host;                    // empty or "localhost": the Unix socket
  unsigned port = 0;                   // 0: the default (3306)
  std::string database;                // decoded; empty: none (the URL must then be for a server-level use)
  std::string socket;                  // unix_socket= / socket=
  std::string charset = "utf8mb4";     // charset=
  SslUse ssl = SslUse::server_default;
  std::string ssl_ca, ssl_cert, ssl_key;
  std::optional<unsigned> connect_timeout;  // seconds
};

// Takes apart what follows "mysql://" or "mariadb://". Throws dbmig::Error (usage) saying what is
// wrong, showing `masked_url` only: a bad port, %zz, an unknown parameter or value, no database.
MysqlUrl parse_mysql_url(std::string_view after_scheme, const std::string& masked_url);

// The registry's check: parse_mysql_url, result dropped.
void check_mysql_url(std::string_view after_scheme, const std::string& masked_url);

}  // namespace dbmig::dialect::mysql
