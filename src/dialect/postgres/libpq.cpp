#include "dialect/postgres/libpq.hpp"

#include <dlfcn.h>

#include <string>

#include "util/error.hpp"

namespace dbmig::dialect::postgres {

namespace {

// The soname, as the package libpq5 installs it (stable since PostgreSQL 8.2).
constexpr const char* library_name = "libpq.so.5";

Error load_error(const std::string& what) {
  return database_error("cannot load PostgreSQL's client library " + std::string(library_name) + ": " + what,
                        "install libpq (Debian: apt-get install libpq5)");
}

// A function of the loaded library. Looked up through the global scope (RTLD_DEFAULT; the library
// is opened RTLD_GLOBAL) rather than the handle, so that an LD_PRELOAD wrapper of a PQ function
// (bench/count_statements.c counts statements this way) still sees every call, as when linked.
template <typename Function>
void resolve(Function& slot, const char* name) {
  slot = reinterpret_cast<Function>(::dlsym(RTLD_DEFAULT, name));
  if (!slot) throw load_error(std::string("no function ") + name);
}

Libpq load() {
  // Never closed: the process uses it until it exits.
  if (!::dlopen(library_name, RTLD_NOW | RTLD_GLOBAL)) {
    const char* reason = ::dlerror();
    throw load_error(reason ? reason : "unknown reason");
  }
  Libpq table{};
  resolve(table.connectdbParams, "PQconnectdbParams");
  resolve(table.status, "PQstatus");
  resolve(table.errorMessage, "PQerrorMessage");
  resolve(table.setNoticeProcessor, "PQsetNoticeProcessor");
  resolve(table.finish, "PQfinish");
  resolve(table.transactionStatus, "PQtransactionStatus");
  resolve(table.exec, "PQexec");
  resolve(table.execParams, "PQexecParams");
  resolve(table.resultStatus, "PQresultStatus");
  resolve(table.resultErrorField, "PQresultErrorField");
  resolve(table.ntuples, "PQntuples");
  resolve(table.nfields, "PQnfields");
  resolve(table.getisnull, "PQgetisnull");
  resolve(table.getvalue, "PQgetvalue");
  resolve(table.getlength, "PQgetlength");
  resolve(table.clear, "PQclear");
  resolve(table.libVersion, "PQlibVersion");
  return table;
}

}  // namespace

const Libpq& libpq() {
  // A failed load throws out of the initialiser, so the next call tries again.
  static const Libpq table = load();
  return table;
}

std::optional<std::string> libpq_version() {
  try {
    // MMmmmm since PostgreSQL 10 (150018 is 15.18); MMmmpp before it (90624 is 9.6.24).
    const int version = libpq().libVersion();
    if (version >= 100000) return std::to_string(version / 10000) + "." + std::to_string(version % 10000);
    return std::to_string(version / 10000) + "." + std::to_string(version / 100 % 100) + "." + std::to_string(version % 100);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace dbmig::dialect::postgres
