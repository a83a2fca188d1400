/* SQLite: an in-memory database; inserts, indexes, point lookups, joins, grouping, sorting,
 * updates and deletes; the checksum covers every result row as text. SQLite is built with
 * SQLITE_OS_OTHER, and the driver supplies a VFS that opens no files (everything stays in memory)
 * and whose randomness and clock are fixed. Size: thousands of rows. */
#include "common.h"
#include "sqlite3.h"

static int vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out) {
    (void)vfs, (void)name, (void)flags, (void)out;
    file->pMethods = NULL;
    return SQLITE_CANTOPEN;
}
static int vfs_delete(sqlite3_vfs *vfs, const char *name, int sync) {
    (void)vfs, (void)name, (void)sync;
    return SQLITE_OK;
}
static int vfs_access(sqlite3_vfs *vfs, const char *name, int flags, int *out) {
    (void)vfs, (void)name, (void)flags;
    *out = 0;
    return SQLITE_OK;
}
static int vfs_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out) {
    (void)vfs;
    sqlite3_snprintf(n, out, "%s", name);
    return SQLITE_OK;
}
static int vfs_randomness(sqlite3_vfs *vfs, int n, char *out) {
    (void)vfs;
    for (int i = 0; i < n; i++) out[i] = (char)(i * 31 + 7);
    return n;
}
static int vfs_sleep(sqlite3_vfs *vfs, int us) {
    (void)vfs;
    return us;
}
static int vfs_current_time(sqlite3_vfs *vfs, double *out) {
    (void)vfs;
    *out = 2461000.5; /* a fixed Julian day in 2025 */
    return SQLITE_OK;
}
static int vfs_last_error(sqlite3_vfs *vfs, int n, char *out) {
    (void)vfs, (void)n, (void)out;
    return 0;
}
static sqlite3_vfs memory_vfs = {
    1, 0, 512, NULL, "bench-memory", NULL, vfs_open, vfs_delete, vfs_access, vfs_full_pathname,
    NULL, NULL, NULL, NULL, vfs_randomness, vfs_sleep, vfs_current_time, vfs_last_error,
};
int sqlite3_os_init(void) { return sqlite3_vfs_register(&memory_vfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

static sqlite3 *db;
static uint64_t h = BENCH_HASH_INIT;
static long rows_seen;

static void fail(const char *what) {
    fprintf(stderr, "sqlite: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

/* Runs every statement of `sql`, hashing each result row. */
static void exec(const char *sql) {
    while (*sql) {
        sqlite3_stmt *stmt;
        const char *rest;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, &rest) != SQLITE_OK) fail(sql);
        if (!stmt) break;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(stmt); i++) {
                const unsigned char *text = sqlite3_column_text(stmt, i);
                h = text ? bench_hash(h, text, strlen((const char *)text) + 1) : bench_hash(h, "", 1);
            }
            rows_seen++;
        }
        if (rc != SQLITE_DONE) fail(sql);
        sqlite3_finalize(stmt);
        sql = rest;
    }
}

int main(int argc, char **argv) {
    long n = bench_size(argc, argv, 40) * 1000;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) fail("open");
    exec("PRAGMA cache_size = -262144;"
         "CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b REAL, c TEXT);");
    unsigned char text[48];
    sqlite3_stmt *insert, *lookup;
    if (sqlite3_prepare_v2(db, "INSERT INTO t(a, b, c) VALUES (?, ?, ?)", -1, &insert, NULL)) fail("insert");
    exec("BEGIN");
    for (long i = 0; i < n; i++) {
        size_t len = 8 + bench_rand() % 40;
        bench_text(text, len);
        sqlite3_bind_int64(insert, 1, bench_rand() % 100000);
        sqlite3_bind_double(insert, 2, (double)(bench_rand() % 1000000) / 1000.0);
        sqlite3_bind_text(insert, 3, (const char *)text, (int)len, SQLITE_TRANSIENT);
        if (sqlite3_step(insert) != SQLITE_DONE) fail("insert");
        sqlite3_reset(insert);
    }
    exec("COMMIT");
    sqlite3_finalize(insert);
    exec("CREATE INDEX t_a ON t(a);"
         "SELECT count(*), sum(a), total(b), sum(length(c)) FROM t;"
         "SELECT a % 100, count(*), round(avg(b), 3), max(c) FROM t GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10;"
         "SELECT id, c FROM t ORDER BY c, id LIMIT 50 OFFSET 100;");
    if (sqlite3_prepare_v2(db, "SELECT count(*), total(b) FROM t WHERE a BETWEEN ? AND ? + 10", -1, &lookup, NULL))
        fail("lookup");
    for (long i = 0; i < n / 2; i++) {
        long a = bench_rand() % 100000;
        sqlite3_bind_int64(lookup, 1, a);
        sqlite3_bind_int64(lookup, 2, a);
        if (sqlite3_step(lookup) != SQLITE_ROW) fail("lookup");
        long long count = sqlite3_column_int64(lookup, 0);
        h = bench_hash(h, &count, sizeof count);
        sqlite3_reset(lookup);
    }
    sqlite3_finalize(lookup);
    exec("UPDATE t SET b = b * 2, c = upper(c) WHERE a % 3 = 0;"
         "DELETE FROM t WHERE a % 7 = 0;"
         "CREATE TABLE u AS SELECT a % 1000 AS k, count(*) AS n, min(c) AS m FROM t GROUP BY 1;"
         "CREATE INDEX u_k ON u(k);"
         "SELECT sum(t.a * u.n), count(*) FROM t JOIN u ON u.k = t.a % 1000;"
         "SELECT count(*), sum(length(c)) FROM t WHERE c LIKE '%memory%';"
         "SELECT substr(c, 1, 12) AS p, count(*) FROM t GROUP BY p ORDER BY 2 DESC, 1 LIMIT 20;"
         "SELECT k, n, m FROM u ORDER BY n DESC, k LIMIT 20;");
    sqlite3_close(db);
    printf("sqlite %s: %ld rows inserted, %ld rows read, checksum %016llx\n", sqlite3_libversion(), n, rows_seen,
           (unsigned long long)h);
    return 0;
}
