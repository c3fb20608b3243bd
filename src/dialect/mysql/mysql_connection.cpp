#include "dialect/mysql/mysql_connection.hpp"

#include <cstring>

#include "dialect/common/error_text.hpp"
#include "dialect/mysql/libmariadb.hpp"
#include "dialect/mysql/mysql_url.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::mysql {
namespace {

// Server error numbers worth a hint of their own.
constexpr unsigned kLockWaitTimeout = 1205;  // ER_LOCK_WAIT_TIMEOUT (innodb_lock_wait_timeout)
constexpr unsigned kDeadlock = 1213;         // ER_LOCK_DEADLOCK

std::string hint_for(unsigned code) {
  if (code == kLockWaitTimeout)
    return "another session holds a lock on the table: find it with SHOW PROCESSLIST, let it finish, and run the "
           "same command again";
  if (code == kDeadlock) return "a deadlock with another session: run the same command again";
  return {};
}

Error server_error(unsigned code, const char* message, std::string_view sql) {
  Error error = database_error("MySQL error " + std::to_string(code) + ": " + config::mask_password(one_line(message)) +
                                   "; SQL: " + sql_for_message(config::mask_password(sql)),
                               hint_for(code));
  // lock_wait_timeout (a table's metadata lock) or innodb_lock_wait_timeout (a row) expired.
  if (code == kLockWaitTimeout) error.with_cause(ErrorCause::lock_not_granted);
  return error;
}

std::string after_scheme(const std::string& text) {
  const std::size_t separator = text.find("://");
  return separator == std::string::npos ? std::string() : text.substr(separator + 3);
}

const char* or_null(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

void set_ssl_options(MYSQL* handle, const MysqlUrl& url) {
  const Libmariadb& lib = libmariadb();
  if (!url.ssl_ca.empty()) lib.options(handle, MYSQL_OPT_SSL_CA, url.ssl_ca.c_str());
  if (!url.ssl_cert.empty()) lib.options(handle, MYSQL_OPT_SSL_CERT, url.ssl_cert.c_str());
  if (!url.ssl_key.empty()) lib.options(handle, MYSQL_OPT_SSL_KEY, url.ssl_key.c_str());
  const my_bool yes = 1;
  const my_bool no = 0;
  switch (url.ssl) {
    case SslUse::server_default:
      break;
    case SslUse::off:
      lib.options(handle, MYSQL_OPT_SSL_ENFORCE, &no);
      lib.options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &no);
      break;
    case SslUse::required:
      lib.options(handle, MYSQL_OPT_SSL_ENFORCE, &yes);
      break;
    case SslUse::verify:
      lib.options(handle, MYSQL_OPT_SSL_ENFORCE, &yes);
      lib.options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
      break;
  }
}

// Rows of a result fetched whole (mysql_store_result), every value as text.
std::vector<Row> rows_of(MYSQL_RES* result) {
  const Libmariadb& lib = libmariadb();
  std::vector<Row> rows;
  const unsigned columns = lib.num_fields(result);
  while (MYSQL_ROW values = lib.fetch_row(result)) {
    const unsigned long* lengths = lib.fetch_lengths(result);
    Row row;
    row.reserve(columns);
    for (unsigned column = 0; column < columns; ++column) {
      if (!values[column])
        row.emplace_back(std::nullopt);
      else
        row.emplace_back(std::string(values[column], lengths[column]));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

void MysqlConnection::Closer::operator()(st_mysql* connection) const { libmariadb().close(connection); }
void MysqlConnection::StatementCloser::operator()(st_mysql_stmt* statement) const {
  libmariadb().stmt_close(statement);
}

MysqlConnection::MysqlConnection(const config::DatabaseUrl& url) {
  const MysqlUrl parts = parse_mysql_url(after_scheme(url.text), url.masked());
  const Libmariadb& lib = libmariadb();
  connection_.reset(lib.init(nullptr));
  if (!connection_) throw database_error("cannot connect to " + url.masked() + ": out of memory");
  MYSQL* handle = connection_.get();
  lib.options(handle, MYSQL_SET_CHARSET_NAME, parts.charset.c_str());
  // LOAD DATA LOCAL lets the server ask for any file the client can read: never wanted here.
  const unsigned int no_local_files = 0;
  lib.options(handle, MYSQL_OPT_LOCAL_INFILE, &no_local_files);
  if (parts.connect_timeout) lib.options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &*parts.connect_timeout);
  set_ssl_options(handle, parts);
  const std::string host = parts.host.empty() ? std::string("localhost") : parts.host;
  if (!lib.real_connect(handle, host.c_str(), or_null(parts.user), parts.password ? parts.password->c_str() : nullptr,
                        parts.database.c_str(), parts.port, or_null(parts.socket), /*client_flag=*/0)) {
    throw database_error("cannot connect to " + url.masked() + ": " +
                             config::mask_password(one_line(lib.error(handle))),
                         "check that the server runs and that the URL's host, port, user, password and database are "
                         "right (mysql://user:password@host:3306/database)");
  }
  // dbmig quotes names with backticks and escapes backslashes in strings: the two sql_mode flags
  // that change those meanings are taken out for this session (the others, STRICT_* included, are
  // the server's: raw SQL steps run as the application's own sessions would).
  configure(
      "SET SESSION sql_mode = TRIM(BOTH ',' FROM REPLACE(REPLACE(REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), "
      "',ANSI_QUOTES,', ','), ',NO_BACKSLASH_ESCAPES,', ','), ',ANSI,', ','))");
}

void MysqlConnection::configure(const char* sql) {
  MYSQL* handle = connection_.get();
  if (libmariadb().real_query(handle, sql, std::strlen(sql)) != 0)
    throw server_error(libmariadb().errno_of(handle), libmariadb().error(handle), sql);
}

unsigned long MysqlConnection::server_version() const { return libmariadb().get_server_version(connection_.get()); }

std::vector<Row> MysqlConnection::run_plain(const Statement& statement) {
  const Libmariadb& lib = libmariadb();
  MYSQL* handle = connection_.get();
  if (lib.real_query(handle, statement.sql.data(), statement.sql.size()) != 0)
    throw server_error(lib.errno_of(handle), lib.error(handle), statement.sql);
  if (lib.field_count(handle) == 0) return {};
  MYSQL_RES* result = lib.store_result(handle);
  if (!result) throw server_error(lib.errno_of(handle), lib.error(handle), statement.sql);
  std::vector<Row> rows = rows_of(result);
  lib.free_result(result);
  return rows;
}

std::vector<Row> MysqlConnection::run_prepared(const Statement& statement) {
  const Libmariadb& lib = libmariadb();
  const std::unique_ptr<st_mysql_stmt, StatementCloser> prepared(lib.stmt_init(connection_.get()));
  MYSQL_STMT* handle = prepared.get();
  if (!handle) throw database_error("out of memory preparing a statement");
  const auto fail = [&] { return server_error(lib.stmt_errno(handle), lib.stmt_error(handle), statement.sql); };
  if (lib.stmt_prepare(handle, statement.sql.data(), statement.sql.size()) != 0) throw fail();
  if (lib.stmt_param_count(handle) != statement.params.size())
    throw database_error("the statement has " + std::to_string(lib.stmt_param_count(handle)) + " placeholder(s) for " +
                         std::to_string(statement.params.size()) + " value(s); SQL: " + sql_for_message(statement.sql));
  std::vector<MYSQL_BIND> binds(statement.params.size());
  std::vector<my_bool> nulls(statement.params.size());
  std::vector<unsigned long> lengths(statement.params.size());
  for (std::size_t i = 0; i < statement.params.size(); ++i) {
    std::memset(&binds[i], 0, sizeof(MYSQL_BIND));
    const auto& value = statement.params[i];
    nulls[i] = value ? 0 : 1;
    lengths[i] = value ? value->size() : 0;
    binds[i].buffer_type = value ? MYSQL_TYPE_STRING : MYSQL_TYPE_NULL;
    binds[i].buffer = value ? const_cast<char*>(value->data()) : nullptr;
    binds[i].buffer_length = lengths[i];
    binds[i].length = &lengths[i];
    binds[i].is_null = &nulls[i];
  }
  if (!binds.empty() && lib.stmt_bind_param(handle, binds.data()) != 0) throw fail();
  if (lib.stmt_execute(handle) != 0) throw fail();
  const unsigned columns = lib.stmt_field_count(handle);
  if (columns == 0) return {};
  if (lib.stmt_store_result(handle) != 0) throw fail();
  // Each value fetched as text in two steps: its length first (a zero-size buffer), then the bytes.
  std::vector<MYSQL_BIND> results(columns);
  std::vector<my_bool> result_nulls(columns);
  std::vector<unsigned long> result_lengths(columns);
  for (unsigned column = 0; column < columns; ++column) {
    std::memset(&results[column], 0, sizeof(MYSQL_BIND));
    results[column].buffer_type = MYSQL_TYPE_STRING;
    results[column].length = &result_lengths[column];
    results[column].is_null = &result_nulls[column];
  }
  if (lib.stmt_bind_result(handle, results.data()) != 0) throw fail();
  std::vector<Row> rows;
  while (true) {
    const int status = lib.stmt_fetch(handle);
    if (status == MYSQL_NO_DATA) break;
    if (status == 1) throw fail();
    Row row;
    row.reserve(columns);
    for (unsigned column = 0; column < columns; ++column) {
      if (result_nulls[column]) {
        row.emplace_back(std::nullopt);
        continue;
      }
      std::string value(result_lengths[column], '\0');
      if (!value.empty()) {
        MYSQL_BIND one{};
        one.buffer_type = MYSQL_TYPE_STRING;
        one.buffer = value.data();
        one.buffer_length = value.size();
        if (lib.stmt_fetch_column(handle, &one, column, 0) != 0) throw fail();
      }
      row.emplace_back(std::move(value));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Row> MysqlConnection::run(const Statement& statement) {
  ++statement_count_;
  return statement.params.empty() ? run_plain(statement) : run_prepared(statement);
}

void MysqlConnection::execute(const Statement& statement) { run(statement); }

std::vector<Row> MysqlConnection::query(const Statement& statement) { return run(statement); }

void MysqlConnection::begin() { execute(Statement{"START TRANSACTION", {}}); }

void MysqlConnection::commit() { execute(Statement{"COMMIT", {}}); }

void MysqlConnection::rollback() {
  if (!in_transaction()) return;
  // Called on error paths: a failure here must not replace the error being reported.
  constexpr std::string_view sql = "ROLLBACK";
  libmariadb().real_query(connection_.get(), sql.data(), sql.size());
}

bool MysqlConnection::in_transaction() const {
  return (connection_->server_status & SERVER_STATUS_IN_TRANS) != 0;
}

}  // namespace dbmig::dialect::mysql
