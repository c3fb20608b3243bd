#pragma once
// libpq, opened at run time (dlopen) the first time a PostgreSQL database is used, not linked.
//
// Why: Debian's libpq brings some 25 shared libraries (OpenSSL, Kerberos, LDAP, GnuTLS...), all
// bound at start-up (BIND_NOW) and some running initialisers. Linked, they cost every command,
// even on SQLite, about 10 M instructions and 6 MB of memory before main() (docs/performance.md):
// more than dbmig's whole `current`. Opened here, only a PostgreSQL connection pays for them.
//
// libpq-fe.h still gives the types and constants; the functions come from this table.
#include <libpq-fe.h>

#include <optional>
#include <string>

namespace dbmig::dialect::postgres {

// The libpq functions dbmig calls. Add a member (and a line in libpq.cpp) to use another.
struct Libpq {
  decltype(&::PQconnectdbParams) connectdbParams;
  decltype(&::PQstatus) status;
  decltype(&::PQerrorMessage) errorMessage;
  decltype(&::PQsetNoticeProcessor) setNoticeProcessor;
  decltype(&::PQfinish) finish;
  decltype(&::PQtransactionStatus) transactionStatus;
  decltype(&::PQexec) exec;
  decltype(&::PQexecParams) execParams;
  decltype(&::PQresultStatus) resultStatus;
  decltype(&::PQresultErrorField) resultErrorField;
  decltype(&::PQntuples) ntuples;
  decltype(&::PQnfields) nfields;
  decltype(&::PQgetisnull) getisnull;
  decltype(&::PQgetvalue) getvalue;
  decltype(&::PQgetlength) getlength;
  decltype(&::PQclear) clear;
  decltype(&::PQlibVersion) libVersion;
};

// The table, loading libpq on the first call (thread-safe). Throws dbmig::Error (database) when
// libpq is not installed or lacks a function.
const Libpq& libpq();

// The version of the libpq in use ("15.18"), loading it; nullopt when it cannot be loaded.
// For `dbmig --version`.
std::optional<std::string> libpq_version();

}  // namespace dbmig::dialect::postgres
