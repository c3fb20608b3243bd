#include "dialect/mysql/libmariadb.hpp"

#include <dlfcn.h>

#include <string>

#include "util/error.hpp"

namespace dbmig::dialect::mysql {
namespace {

// The soname, as Debian's libmariadb3 installs it (MariaDB Connector/C 3.x).
constexpr const char* library_name = "libmariadb.so.3";

Error load_error(const std::string& what) {
  return database_error("cannot load MariaDB's client library " + std::string(library_name) + ": " + what,
                        "install it (Debian: apt-get install libmariadb3)");
}

// Through the global scope, as libpq.cpp does, so that an LD_PRELOAD wrapper sees every call.
template <typename Function>
void resolve(Function& slot, const char* name) {
  slot = reinterpret_cast<Function>(::dlsym(RTLD_DEFAULT, name));
  if (!slot) throw load_error(std::string("no function ") + name);
}

Libmariadb load() {
  // Never closed: the process uses it until it exits.
  if (!::dlopen(library_name, RTLD_NOW | RTLD_GLOBAL)) {
    const char* reason = ::dlerror();
    throw load_error(reason ? reason : "unknown reason");
  }
  Libmariadb table{};
  resolve(table.init, "mysql_init");
  resolve(table.options, "mysql_options");
  resolve(table.real_connect, "mysql_real_connect");
  resolve(table.close, "mysql_close");
  resolve(table.error, "mysql_error");
  resolve(table.errno_of, "mysql_errno");
  resolve(table.real_query, "mysql_real_query");
  resolve(table.store_result, "mysql_store_result");
  resolve(table.field_count, "mysql_field_count");
  resolve(table.num_fields, "mysql_num_fields");
  resolve(table.fetch_row, "mysql_fetch_row");
  resolve(table.fetch_lengths, "mysql_fetch_lengths");
  resolve(table.free_result, "mysql_free_result");
  resolve(table.get_server_version, "mysql_get_server_version");
  resolve(table.stmt_init, "mysql_stmt_init");
  resolve(table.stmt_prepare, "mysql_stmt_prepare");
  resolve(table.stmt_param_count, "mysql_stmt_param_count");
  resolve(table.stmt_bind_param, "mysql_stmt_bind_param");
  resolve(table.stmt_execute, "mysql_stmt_execute");
  resolve(table.stmt_field_count, "mysql_stmt_field_count");
  resolve(table.stmt_store_result, "mysql_stmt_store_result");
  resolve(table.stmt_bind_result, "mysql_stmt_bind_result");
  resolve(table.stmt_fetch, "mysql_stmt_fetch");
  resolve(table.stmt_fetch_column, "mysql_stmt_fetch_column");
  resolve(table.stmt_error, "mysql_stmt_error");
  resolve(table.stmt_errno, "mysql_stmt_errno");
  resolve(table.stmt_close, "mysql_stmt_close");
  resolve(table.get_client_info, "mysql_get_client_info");
  return table;
}

}  // namespace

const Libmariadb& libmariadb() {
  // A failed load throws out of the initialiser, so the next call tries again.
  static const Libmariadb table = load();
  return table;
}

std::optional<std::string> libmariadb_version() {
  try {
    return std::string(libmariadb().get_client_info());
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace dbmig::dialect::mysql
