/* An LD_PRELOAD library that counts the SQL statements a process sends, for bench/run.sh's
 * "a fixed number of catalog queries regardless of table count" check:
 *   SQLite:      sqlite3_prepare_v2 / _v3 (one call per statement compiled)
 *   PostgreSQL:  PQexec, PQexecParams, PQprepare, PQexecPrepared, PQsendQuery* (one per round trip)
 *   MySQL/MariaDB (libmariadb): mysql_real_query, mysql_send_query, mysql_stmt_execute (one per
 *                statement run; mysql_stmt_prepare is not counted, its text is logged at the execute)
 * dbmig loads libpq and libmariadb with dlopen(RTLD_GLOBAL) and resolves their functions with
 * dlsym(RTLD_DEFAULT), so the wrappers here, first in the global scope, see every call.
 * At exit it appends "<count>\n" to the file named by BENCH_COUNT_FILE. Calls made from inside a
 * counted call (sqlite3_exec preparing its statements, say), or from inside sqlite3_step (SQLite's
 * pragma_* table-valued functions prepare a PRAGMA per row internally), are not counted. With
 * BENCH_SQL_LOG=FILE each counted statement's first line (up to 160 bytes) is appended there too,
 * which is how docs/performance.md finds where statements come from.
 * Build: cc -shared -fPIC -O2 -o count_statements.so count_statements.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long count;
static __thread int depth;

#define NEXT(name) static void *next_##name; if (!next_##name) next_##name = dlsym(RTLD_NEXT, #name)

__attribute__((destructor)) static void report(void) {
  const char *file = getenv("BENCH_COUNT_FILE");
  if (!file) return;
  FILE *out = fopen(file, "a");
  if (!out) return;
  fprintf(out, "%lu\n", count);
  fclose(out);
}

// The first line of a statement, at most `limit` bytes of it (libmariadb's texts carry a length
// and need not end with a NUL).
static void log_sql_n(const char *sql, unsigned long limit) {
  static FILE *log;
  static int opened;
  if (!opened) {
    const char *file = getenv("BENCH_SQL_LOG");
    log = file ? fopen(file, "a") : NULL;
    opened = 1;
  }
  if (!log || !sql) return;
  int n = 0;
  while ((unsigned long)n < limit && sql[n] && sql[n] != '\n' && n < 160) ++n;
  fprintf(log, "%.*s\n", n, sql);
  fflush(log);
}

#define COUNTED(ret, name, params, args, sql) COUNTED_LEN(ret, name, params, args, sql, 160)
#define COUNTED_LEN(ret, name, params, args, sql, length)       \
  ret name params {                                             \
    NEXT(name);                                                 \
    if (depth == 0) { ++count; log_sql_n(sql, length); }        \
    ++depth;                                                    \
    ret result = ((ret(*) params)next_##name) args;             \
    --depth;                                                    \
    return result;                                              \
  }

// A call whose nested statements are SQLite's own, not the caller's.
#define GUARDED(ret, name, params, args)                        \
  ret name params {                                             \
    NEXT(name);                                                 \
    ++depth;                                                    \
    ret result = ((ret(*) params)next_##name) args;             \
    --depth;                                                    \
    return result;                                              \
  }

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef unsigned int Oid;

GUARDED(int, sqlite3_step, (sqlite3_stmt *stmt), (stmt))
COUNTED(int, sqlite3_prepare_v2, (sqlite3 *db, const char *sql, int n, sqlite3_stmt **stmt, const char **tail),
        (db, sql, n, stmt, tail), sql)
COUNTED(int, sqlite3_prepare_v3,
        (sqlite3 *db, const char *sql, int n, unsigned int flags, sqlite3_stmt **stmt, const char **tail),
        (db, sql, n, flags, stmt, tail), sql)
COUNTED(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query), query)
COUNTED(PGresult *, PQexecParams,
        (PGconn *conn, const char *command, int n, const Oid *types, const char *const *values, const int *lengths,
         const int *formats, int result_format),
        (conn, command, n, types, values, lengths, formats, result_format), command)
COUNTED(PGresult *, PQprepare, (PGconn *conn, const char *name, const char *query, int n, const Oid *types),
        (conn, name, query, n, types), query)
COUNTED(PGresult *, PQexecPrepared,
        (PGconn *conn, const char *name, int n, const char *const *values, const int *lengths, const int *formats,
         int result_format),
        (conn, name, n, values, lengths, formats, result_format), name)
COUNTED(int, PQsendQuery, (PGconn *conn, const char *query), (conn, query), query)
COUNTED(int, PQsendQueryParams,
        (PGconn *conn, const char *command, int n, const Oid *types, const char *const *values, const int *lengths,
         const int *formats, int result_format),
        (conn, command, n, types, values, lengths, formats, result_format), command)
COUNTED(int, PQsendQueryPrepared,
        (PGconn *conn, const char *name, int n, const char *const *values, const int *lengths, const int *formats,
         int result_format),
        (conn, name, n, values, lengths, formats, result_format), name)

typedef struct st_mysql MYSQL;
typedef struct st_mysql_stmt MYSQL_STMT;

// The text of the last statement prepared (per thread), logged when it is executed.
static __thread char prepared_sql[161];
static __thread unsigned long prepared_length;

COUNTED_LEN(int, mysql_real_query, (MYSQL *mysql, const char *sql, unsigned long length), (mysql, sql, length), sql,
            length)
COUNTED_LEN(int, mysql_send_query, (MYSQL *mysql, const char *sql, unsigned long length), (mysql, sql, length), sql,
            length)
COUNTED(int, mysql_stmt_execute, (MYSQL_STMT *stmt), (stmt), prepared_sql)

int mysql_stmt_prepare(MYSQL_STMT *stmt, const char *sql, unsigned long length) {
  NEXT(mysql_stmt_prepare);
  prepared_length = length < 160 ? length : 160;
  for (unsigned long i = 0; i < prepared_length; ++i) prepared_sql[i] = sql[i];
  prepared_sql[prepared_length] = '\0';
  ++depth;
  int result = ((int (*)(MYSQL_STMT *, const char *, unsigned long))next_mysql_stmt_prepare)(stmt, sql, length);
  --depth;
  return result;
}
