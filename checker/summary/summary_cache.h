/*
 * summary_cache.h: the cross-TU summary cache (--summary-cache=FILE), an
 * SQLite database.
 *
 * One row per source file: its absolute path, a key (a hash of the tool,
 * the compile command and the file's contents), the files it depends on
 * (every file the translation unit included, and its .lockcheck.yml) with a
 * hash of each, and the summaries it exported (summary_io.c's text). An
 * entry is used only when the key and every dependency's hash still match,
 * so editing the file, a header it includes, its configuration, its compile
 * command or lockcheck itself re-analyses it.
 *
 * Hashes are 64-bit FNV-1a plus the length: not cryptographic. The cache is
 * the user's own file, so only accidental collisions matter, and their odds
 * (about 2^-64 per changed file) are far below those of any other failure.
 *
 * Runs may share a cache, fresh or warm, at the same time: the schema is
 * created idempotently in one write transaction, every statement waits for
 * another run's lock (busy timeout), and the cache uses write-ahead logging
 * (SQLite's -wal and -shm files exist beside it while a run has it open). A
 * file that is not SQLite, or an SQLite database that is not a lockcheck
 * cache, is an error and is never written to.
 */
#ifndef LOCKCHECK_SUMMARY_CACHE_H
#define LOCKCHECK_SUMMARY_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct summary_cache;

/* Opens or creates the cache. NULL with *error ("FILE: reason", caller
 * frees) when it cannot be used. */
struct summary_cache *summary_cache_open(const char *path, char **error);
void summary_cache_close(struct summary_cache *cache);

struct summary_cache_entry {
    char *key;
    char *deps;         /* JSON: [{"path": ..., "hash": ...}, ...] */
    char *summaries;    /* summary_io.c's document */
};
void summary_cache_entry_free(struct summary_cache_entry *entry);

/* The entry stored for `source_path`: 1 found, 0 none, -1 error (*error set). */
int summary_cache_lookup(struct summary_cache *cache, const char *source_path,
                         struct summary_cache_entry *out, char **error);
/* Replaces the entries of `count` files in one transaction. */
bool summary_cache_store(struct summary_cache *cache, const char *const *source_paths,
                         const struct summary_cache_entry *entries, size_t count, char **error);

/* ---- hashes ---- */

/* "hhhhhhhhhhhhhhhh:size" for a buffer. Caller frees. */
char *hash_text(const void *data, size_t n);
/* hash_text of a file's contents, or NULL when it cannot be read or is not
 * a regular file (a cache entry's path is data: a FIFO, a device or a file
 * of /proc is never opened or read). */
char *hash_file(const char *path);

#endif
