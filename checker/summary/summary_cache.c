/*
 * summary_cache.c: the SQLite summary cache (see summary_cache.h). Only the
 * main thread uses it: entries are read before the summary phase and
 * written after it (driver/cross_tu.c).
 */
#include "summary/summary_cache.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "report/finding.h"
#include "util/hash.h"
#include "util/memory.h"

/* What the `meta` table says a lockcheck cache of this layout is. */
#define CACHE_FORMAT "lockcheck-summary-cache 1"

struct summary_cache {
    sqlite3 *db;
    char *path;
};

/* Idempotent: any number of runs may create the same fresh cache at once. */
static const char *const schema =
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, key TEXT NOT NULL, deps TEXT NOT NULL,"
    "                                  summaries TEXT NOT NULL);"
    "INSERT OR IGNORE INTO meta VALUES ('format', '" CACHE_FORMAT "');";

/* How long a run waits for another run's write (milliseconds). */
#define BUSY_TIMEOUT_MS 60000

static char *db_error(struct summary_cache *cache, const char *what)
{
    return str_printf("%s: %s (%s)", cache->path, what, sqlite3_errmsg(cache->db));
}

static bool exec(struct summary_cache *cache, const char *sql, const char *what, char **error)
{
    if (sqlite3_exec(cache->db, sql, NULL, NULL, NULL) == SQLITE_OK)
        return true;
    *error = db_error(cache, what);
    return false;
}

/* Runs a one-row, one-column query; NULL (and *error) on failure, "" when
 * there is no row. Caller frees. */
static char *query_text(struct summary_cache *cache, const char *sql, char **error)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(cache->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        *error = db_error(cache, "not a usable summary cache");
        return NULL;
    }
    int rc = sqlite3_step(stmt);
    char *text = NULL;
    if (rc == SQLITE_ROW)
        text = xstrdup(sqlite3_column_text(stmt, 0) ? (const char *)sqlite3_column_text(stmt, 0) : "");
    else if (rc == SQLITE_DONE)
        text = xstrdup("");
    else
        *error = db_error(cache, "not a usable summary cache");
    sqlite3_finalize(stmt);
    return text;
}

static bool database_is_empty(struct summary_cache *cache, bool *empty, char **error)
{
    char *tables = query_text(cache, "SELECT count(*) FROM sqlite_master", error);
    if (!tables)
        return false;
    *empty = strcmp(tables, "0") == 0;
    free(tables);
    return true;
}

static bool check_format(struct summary_cache *cache, char **error)
{
    char *format = query_text(cache, "SELECT value FROM meta WHERE name = 'format'", error);
    if (!format) {
        free(*error);
        *error = str_printf("%s: an SQLite database that is not a lockcheck summary cache", cache->path);
        return false;
    }
    bool ok = strcmp(format, CACHE_FORMAT) == 0;
    if (!ok)
        *error = str_printf("%s: not a lockcheck summary cache of this version ('%s'; delete it)",
                            cache->path, format);
    free(format);
    return ok;
}

/* An empty database gets the schema; any other must be a lockcheck cache.
 * One write transaction, so concurrent runs on a fresh file create it once
 * and the others find it made. Nothing is written to a database that is not
 * a lockcheck cache. */
static bool check_or_create_schema(struct summary_cache *cache, char **error)
{
    char *integrity = query_text(cache, "PRAGMA quick_check", error);
    if (!integrity)
        return false;
    bool ok = strcmp(integrity, "ok") == 0;
    free(integrity);
    if (!ok) {
        *error = str_printf("%s: the summary cache is corrupt (delete it)", cache->path);
        return false;
    }
    if (!exec(cache, "BEGIN IMMEDIATE", "cannot lock the summary cache", error))
        return false;
    bool empty = false;
    ok = database_is_empty(cache, &empty, error);
    if (ok && empty)
        ok = exec(cache, schema, "cannot create the summary cache", error);
    else if (ok)
        ok = check_format(cache, error);
    if (!ok) {
        sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    return exec(cache, "COMMIT", "cannot create the summary cache", error);
}

struct summary_cache *summary_cache_open(const char *path, char **error)
{
    struct summary_cache *cache = xcalloc(1, sizeof *cache);
    cache->path = xstrdup(path);
    int rc = sqlite3_open_v2(path, &cache->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    bool ok = rc == SQLITE_OK && cache->db;
    if (!ok)
        *error = cache->db ? db_error(cache, "cannot open the summary cache")
                           : str_printf("%s: cannot open the summary cache", path);
    /* Before the first statement: another run may hold the lock. */
    if (ok)
        sqlite3_busy_timeout(cache->db, BUSY_TIMEOUT_MS);
    ok = ok && exec(cache, "PRAGMA temp_store = MEMORY;", "not a usable summary cache", error);
    ok = ok && check_or_create_schema(cache, error);
    /* Write-ahead logging once the file is known to be a lockcheck cache:
     * readers never wait for a writer; SQLite removes the -wal and -shm
     * files beside the cache when the last run closes it. */
    ok = ok && exec(cache, "PRAGMA journal_mode = WAL;", "cannot use the summary cache", error);
    if (!ok) {
        summary_cache_close(cache);
        return NULL;
    }
    return cache;
}

void summary_cache_close(struct summary_cache *cache)
{
    if (!cache)
        return;
    sqlite3_close(cache->db);
    free(cache->path);
    free(cache);
}

void summary_cache_entry_free(struct summary_cache_entry *entry)
{
    free(entry->key);
    free(entry->deps);
    free(entry->summaries);
    memset(entry, 0, sizeof *entry);
}

static char *column_copy(sqlite3_stmt *stmt, int column)
{
    const unsigned char *text = sqlite3_column_text(stmt, column);
    return text ? xstrdup((const char *)text) : NULL;
}

int summary_cache_lookup(struct summary_cache *cache, const char *source_path,
                         struct summary_cache_entry *out, char **error)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(cache->db, "SELECT key, deps, summaries FROM files WHERE path = ?", -1,
                           &stmt, NULL) != SQLITE_OK) {
        *error = db_error(cache, "cannot read the summary cache");
        return -1;
    }
    sqlite3_bind_text(stmt, 1, source_path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    int found = 0;
    if (rc == SQLITE_ROW) {
        out->key = column_copy(stmt, 0);
        out->deps = column_copy(stmt, 1);
        out->summaries = column_copy(stmt, 2);
        found = out->key && out->deps && out->summaries ? 1 : -1;
        if (found < 0) {
            *error = str_printf("%s: the summary cache is corrupt (an entry has empty columns)", cache->path);
            summary_cache_entry_free(out);
        }
    } else if (rc != SQLITE_DONE) {
        *error = db_error(cache, "cannot read the summary cache");
        found = -1;
    }
    sqlite3_finalize(stmt);
    return found;
}

static bool store_one(struct summary_cache *cache, sqlite3_stmt *stmt, const char *path,
                      const struct summary_cache_entry *e)
{
    sqlite3_reset(stmt);
    sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, e->key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, e->deps, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, e->summaries, -1, SQLITE_STATIC);
    return sqlite3_step(stmt) == SQLITE_DONE;
}

bool summary_cache_store(struct summary_cache *cache, const char *const *source_paths,
                         const struct summary_cache_entry *entries, size_t count, char **error)
{
    if (count == 0)
        return true;
    if (!exec(cache, "BEGIN IMMEDIATE", "cannot write the summary cache", error))
        return false;
    sqlite3_stmt *stmt;
    bool ok = sqlite3_prepare_v2(cache->db, "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", -1,
                                 &stmt, NULL) == SQLITE_OK;
    for (size_t i = 0; ok && i < count; i++)
        ok = store_one(cache, stmt, source_paths[i], &entries[i]);
    if (!ok)
        *error = db_error(cache, "cannot write the summary cache");
    sqlite3_finalize(stmt);
    if (!ok) {
        sqlite3_exec(cache->db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    return exec(cache, "COMMIT", "cannot write the summary cache", error);
}

/* ---- hashes -------------------------------------------------------------------- */

char *hash_text(const void *data, size_t n)
{
    return str_printf("%016llx:%zu", (unsigned long long)hash_bytes(HASH_SEED, data, n), n);
}

/* Pseudo file systems whose "regular" files block or never end
 * (/proc/kmsg, /sys/kernel/...). */
static bool on_pseudo_file_system(int fd)
{
    struct statfs fs;
    if (fstatfs(fd, &fs) != 0)
        return true;
    return fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC || fs.f_type == DEBUGFS_MAGIC ||
           fs.f_type == TRACEFS_MAGIC || fs.f_type == SECURITYFS_MAGIC;
}

/* Opens `path` for reading only when it is a regular file on a real file
 * system: a path read from a cache entry may name a FIFO, /dev/zero or a
 * terminal, and opening those without O_NONBLOCK (or reading them) hangs. */
static FILE *open_regular_file(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || on_pseudo_file_system(fd)) {
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f)
        close(fd);
    return f;
}

char *hash_file(const char *path)
{
    FILE *f = open_regular_file(path);
    if (!f)
        return NULL;
    uint64_t h = HASH_SEED;
    size_t total = 0, n;
    char buf[65536];
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        h = hash_bytes(h, buf, n);
        total += n;
    }
    bool failed = ferror(f);
    fclose(f);
    return failed ? NULL : str_printf("%016llx:%zu", (unsigned long long)h, total);
}
