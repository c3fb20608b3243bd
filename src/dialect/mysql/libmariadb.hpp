#pragma once
// MariaDB's client library (MySQL and MariaDB speak the same protocol), opened at run time (dlopen)
// the first time a mysql:// or mariadb:// database is used, not linked: as with libpq
// (dialect/postgres/libpq.hpp), SQLite and PostgreSQL runs do not pay for loading it and the TLS
// libraries it brings.
//
// mysql.h still gives the types and constants; the functions come from this table.
#include <mysql.h>

#include <optional>
#include <string>

namespace dbmig::dialect::mysql {

// The client library functions dbmig calls. Add a member (and a line in libmariadb.cpp) to use another.
struct Libmariadb {
  decltype(&::mysql_init) init;
  decltype(&::mysql_options) options;
  decltype(&::mysql_real_connect) real_connect;
  decltype(&::mysql_close) close;
  decltype(&::mysql_error) error;
  decltype(&::mysql_errno) errno_of;
  decltype(&::mysql_real_query) real_query;
  decltype(&::mysql_store_result) store_result;
  decltype(&::mysql_field_count) field_count;
  decltype(&::mysql_num_fields) num_fields;
  decltype(&::mysql_fetch_row) fetch_row;
  decltype(&::mysql_fetch_lengths) fetch_lengths;
  decltype(&::mysql_free_result) free_result;
  decltype(&::mysql_get_server_version) get_server_version;
  decltype(&::mysql_stmt_init) stmt_init;
  decltype(&::mysql_stmt_prepare) stmt_prepare;
  decltype(&::mysql_stmt_param_count) stmt_param_count;
  decltype(&::mysql_stmt_bind_param) stmt_bind_param;
  decltype(&::mysql_stmt_execute) stmt_execute;
  decltype(&::mysql_stmt_field_count) stmt_field_count;
  decltype(&::mysql_stmt_store_result) stmt_store_result;
  decltype(&::mysql_stmt_bind_result) stmt_bind_result;
  decltype(&::mysql_stmt_fetch) stmt_fetch;
  decltype(&::mysql_stmt_fetch_column) stmt_fetch_column;
  decltype(&::mysql_stmt_error) stmt_error;
  decltype(&::mysql_stmt_errno) stmt_errno;
  decltype(&::mysql_stmt_close) stmt_close;
  decltype(&::mysql_get_client_info) get_client_info;
};

// The table, loading the library on the first call (thread-safe). Throws dbmig::Error (database)
// when it is not installed or lacks a function.
const Libmariadb& libmariadb();

// The client library's version as it reports it (mysql_get_client_info: Connector/C's, "3.3.20"),
// loading it; nullopt when it cannot be loaded. For `dbmig --version`.
std::optional<std::string> libmariadb_version();

}  // namespace dbmig::dialect::mysql
