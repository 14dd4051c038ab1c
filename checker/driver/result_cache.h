/*
 * result_cache.h: the result cache (--cache=FILE), an SQLite database of
 * each file's findings, so that a re-run does not parse unchanged files.
 *
 * One row per checked file: a key, the files the translation unit read with
 * a content hash of each (dependency_hashes.h), and the file's outcome: its
 * findings (with notes, severities, fingerprint hashes and compile errors),
 * the remarks printed on standard error, how many compile errors it had,
 * whether a header was missing and how many findings NOLINT comments
 * dropped. A file is taken from the cache, without parsing it, when its key
 * is the same and every file it read still has the same hash; its output is
 * then byte for byte that of a run without the cache.
 *
 * The key covers whatever else decides a file's findings: lockcheck's
 * version and binary, libclang's version, the current folder, the source
 * root, --checks, --parse-only, --cross-tu and the summaries of the run, the
 * file's name as given, its compile command (after compile_flags_filter.c),
 * its effective configuration (the configuration file is also a
 * dependency, so editing it counts) and, for --stdin-filename, the buffer.
 *
 * A file that is not such a cache (not SQLite, damaged, another database) is
 * ignored with a warning and never written to; an entry lockcheck did not
 * write is ignored with a warning and replaced. Runs may share a cache at
 * the same time (write-ahead logging, a busy timeout, one write transaction
 * per run). Main thread only: entries are read before the files are parsed
 * and written after.
 */
#ifndef LOCKCHECK_RESULT_CACHE_H
#define LOCKCHECK_RESULT_CACHE_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "report/finding.h"

struct compile_command;
struct lockcheck_config;
struct options;

/* What checking one file produced, as main.c reports it. */
struct file_outcome {
    struct finding_list findings;
    char **remarks;             /* notes for stderr */
    size_t remark_count;
    size_t compile_errors;
    bool missing_header;
    size_t suppressed;          /* findings NOLINT comments dropped */
};

/* An outcome as the cache stores it (JSON), also what a worker process
 * sends back (worker_process.h). Caller frees. */
char *file_outcome_to_text(const struct file_outcome *outcome);
/* False (and *out empty) when the text is not an outcome lockcheck writes. */
bool file_outcome_from_text(const char *text, struct file_outcome *out);

struct result_cache;

/* Opens or creates the cache for a run; `summaries_hash` stands for the
 * --cross-tu summaries (NULL without --cross-tu). NULL, with a warning
 * (caller frees), when FILE cannot be used: the run goes on without it. */
struct result_cache *result_cache_open(const struct options *opts, const char *summaries_hash,
                                       char **warning);
/* Writes the entries put since the open (one transaction) and closes. A
 * failed write is a warning on stderr. */
void result_cache_close(struct result_cache *cache);

/* The key of `file` (caller frees). `unsaved`: the editor's buffer, or NULL. */
char *result_cache_key(const struct result_cache *cache, const char *file,
                       const struct compile_command *cmd, const struct lockcheck_config *config,
                       const struct CXUnsavedFile *unsaved);

/* True, with *out filled (caller frees its parts), when the cache holds a
 * valid entry for `file` under `key`. */
bool result_cache_lookup(struct result_cache *cache, const char *file, bool from_stdin,
                         const char *key, struct file_outcome *out);

/* Remembers `outcome` of `file`, whose translation unit read the files of
 * `deps` (dependency_list()), to be written when the cache is closed. */
void result_cache_put(struct result_cache *cache, const char *file, bool from_stdin,
                      const char *key, const char *deps, const struct file_outcome *outcome);

/* A file this run analysed without looking it up (--cross-tu's first
 * pass checked it): counted as analysed. */
void result_cache_count_analysed(struct result_cache *cache);

/* "results: N files from cache, M analysed" (for --stats). Caller frees. */
char *result_cache_stats(const struct result_cache *cache);

#endif
