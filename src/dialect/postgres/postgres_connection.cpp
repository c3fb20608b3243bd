#include "dialect/postgres/postgres_connection.hpp"

#include <spdlog/spdlog.h>

#include "dialect/common/error_text.hpp"
#include "dialect/postgres/libpq.hpp"
#include "util/error.hpp"

namespace dbmig::dialect::postgres {
namespace {

// libpq's messages end in newlines and may span lines ("...failed: FATAL:  password ..."); an
// error is one line. Passwords are masked in case the text repeats the connection string.
std::string one_line_masked(std::string_view text) { return config::mask_password(one_line(text)); }

std::string error_field(const PGresult* result, int field) {
  const char* value = result ? libpq().resultErrorField(result, field) : nullptr;
  return value ? one_line_masked(value) : std::string();
}

// "PostgreSQL error: <primary message> (<detail>); SQL: <statement>", with the server's hint as
// the error's hint. Without a result (the connection broke), libpq's own message stands in.
Error statement_error(PGconn* connection, const PGresult* result, std::string_view sql) {
  std::string message = error_field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = one_line_masked(libpq().errorMessage(connection));
  if (const std::string detail = error_field(result, PG_DIAG_MESSAGE_DETAIL); !detail.empty()) {
    message += " (" + detail + ")";
  }
  Error error = database_error("PostgreSQL error: " + message + "; SQL: " + sql_for_message(config::mask_password(sql)),
                               error_field(result, PG_DIAG_MESSAGE_HINT));
  // 55P03 lock_not_available: lock_timeout expired (or NOWAIT): the caller may try again later.
  if (error_field(result, PG_DIAG_SQLSTATE) == "55P03") error.with_cause(ErrorCause::lock_not_granted);
  return error;
}

// Server notices that pass client_min_messages (warnings) go to the log like every other
// message, instead of libpq's default of writing them straight to stderr.
void log_notice(void* /*unused*/, const char* message) { spdlog::warn("PostgreSQL: {}", one_line_masked(message)); }

}  // namespace

void PostgresConnection::ConnectionCloser::operator()(pg_conn* connection) const { libpq().finish(connection); }
void PostgresConnection::ResultClearer::operator()(pg_result* result) const { libpq().clear(result); }

PostgresConnection::PostgresConnection(const config::DatabaseUrl& url) {
  // expand_dbname: the "dbname" value is the whole URL or key=value string. The application
  // name is a fallback so that one given in the URL wins.
  const char* const keywords[] = {"dbname", "fallback_application_name", nullptr};
  const char* const values[] = {url.text.c_str(), "dbmig", nullptr};
  connection_.reset(libpq().connectdbParams(keywords, values, /*expand_dbname=*/1));
  if (!connection_) throw database_error("cannot connect to " + url.masked() + ": out of memory");
  if (libpq().status(connection_.get()) != CONNECTION_OK) {
    throw database_error("cannot connect to " + url.masked() + ": " + one_line_masked(libpq().errorMessage(connection_.get())),
                         "check that the server runs and that the URL's host, port, user, password and database "
                         "are right (postgresql://user:password@host:port/database)");
  }
  libpq().setNoticeProcessor(connection_.get(), log_notice, nullptr);
  // Keeps routine notices ("relation already exists, skipping") out of dbmig's output.
  configure("SET client_min_messages = warning");
}

void PostgresConnection::configure(const char* sql) {
  const Result result(libpq().exec(connection_.get(), sql));
  if (libpq().resultStatus(result.get()) != PGRES_COMMAND_OK) throw statement_error(connection_.get(), result.get(), sql);
}

PostgresConnection::Result PostgresConnection::run(const Statement& statement) {
  PGconn* connection = connection_.get();
  Result result;
  if (statement.params.empty()) {
    result.reset(libpq().exec(connection, statement.sql.c_str()));
  } else {
    std::vector<const char*> values;
    values.reserve(statement.params.size());
    for (const std::optional<std::string>& param : statement.params) values.push_back(param ? param->c_str() : nullptr);
    // Parameter types left to the server (nullptr) and every value sent as text, as Row reads them.
    result.reset(libpq().execParams(connection, statement.sql.c_str(), static_cast<int>(values.size()), nullptr,
                              values.data(), nullptr, nullptr, /*resultFormat=*/0));
  }
  ++statement_count_;
  const ExecStatusType status = libpq().resultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return result;
  if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
    // The server now waits for COPY data that will never come; only a new connection recovers.
    throw database_error("COPY ... FROM STDIN / TO STDOUT cannot run in a migration; SQL: " +
                             sql_for_message(config::mask_password(statement.sql)),
                         "load data with INSERT statements, or COPY from a file on the server");
  }
  throw statement_error(connection, result.get(), statement.sql);
}

void PostgresConnection::execute(const Statement& statement) { run(statement); }

std::vector<Row> PostgresConnection::query(const Statement& statement) {
  const Result result = run(statement);
  const Libpq& pq = libpq();
  const int row_count = pq.ntuples(result.get());
  const int column_count = pq.nfields(result.get());
  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(row_count));
  for (int row_index = 0; row_index < row_count; ++row_index) {
    Row row;
    row.reserve(static_cast<std::size_t>(column_count));
    for (int column = 0; column < column_count; ++column) {
      if (pq.getisnull(result.get(), row_index, column)) {
        row.emplace_back(std::nullopt);
        continue;
      }
      row.emplace_back(std::string(pq.getvalue(result.get(), row_index, column),
                                   static_cast<std::size_t>(pq.getlength(result.get(), row_index, column))));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void PostgresConnection::begin() { execute(Statement{"BEGIN", {}}); }

void PostgresConnection::commit() { execute(Statement{"COMMIT", {}}); }

void PostgresConnection::rollback() {
  if (!in_transaction()) return;
  // Called on error paths: a failure here must not replace the error being reported.
  const Result result(libpq().exec(connection_.get(), "ROLLBACK"));
}

// Asks libpq rather than tracking begin()/commit(): a raw SQL step may BEGIN or COMMIT itself.
// A transaction aborted by an error (INERROR) still needs its ROLLBACK.
bool PostgresConnection::in_transaction() const {
  const PGTransactionStatusType status = libpq().transactionStatus(connection_.get());
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

}  // namespace dbmig::dialect::postgres
