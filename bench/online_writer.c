/* The application side of bench/online.sh: one connection updating random rows of `orders` in
 * autocommit as fast as it can, timing every UPDATE, until SIGTERM or SIGINT. It then prints
 *   updates=<n> errors=<n> p50_ms=<x> p99_ms=<x> max_ms=<x>
 * A statement that waits for a lock a migration holds (or queues behind) shows as a long latency:
 * the longest one is the longest time the application was stopped.
 * Build: cc -O2 -o online_writer online_writer.c -I/usr/include/postgresql -lpq
 * Usage: online_writer URL ROWS */
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile sig_atomic_t stop;
static void on_signal(int signal_number) { (void)signal_number; stop = 1; }

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: online_writer URL ROWS\n");
    return 2;
  }
  const long rows = atol(argv[2]);
  PGconn *connection = PQconnectdb(argv[1]);
  if (PQstatus(connection) != CONNECTION_OK) {
    fprintf(stderr, "online_writer: %s", PQerrorMessage(connection));
    return 1;
  }
  PQclear(PQexec(connection, "SET application_name = 'bench-writer'"));
  PGresult *prepared = PQprepare(connection, "touch", "UPDATE orders SET total = total + 1 WHERE id = $1", 1, NULL);
  if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
    fprintf(stderr, "online_writer: %s", PQerrorMessage(connection));
    return 1;
  }
  PQclear(prepared);
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);

  size_t capacity = 1 << 16, count = 0;
  long errors = 0;
  double *latencies = malloc(capacity * sizeof *latencies);
  unsigned seed = (unsigned)time(NULL);
  char id[32];
  const char *values[1] = {id};
  while (!stop) {
    snprintf(id, sizeof id, "%ld", 1 + (long)(rand_r(&seed) % rows));
    const double started = now_ms();
    PGresult *result = PQexecPrepared(connection, "touch", 1, values, NULL, NULL, 0);
    const double took = now_ms() - started;
    if (PQresultStatus(result) != PGRES_COMMAND_OK) ++errors;
    PQclear(result);
    if (count == capacity) {
      capacity *= 2;
      latencies = realloc(latencies, capacity * sizeof *latencies);
    }
    latencies[count++] = took;
  }
  qsort(latencies, count, sizeof *latencies, by_value);
  const double p50 = count ? latencies[count / 2] : 0, p99 = count ? latencies[(size_t)((double)count * 0.99)] : 0;
  printf("updates=%zu errors=%ld p50_ms=%.2f p99_ms=%.2f max_ms=%.1f\n", count, errors, p50, p99,
         count ? latencies[count - 1] : 0.0);
  PQfinish(connection);
  free(latencies);
  return 0;
}
