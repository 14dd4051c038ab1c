/*
 * dependency_hashes.h: the files a translation unit read, with a content
 * hash of each, and the check that none of them changed since.
 *
 * Both caches use it: the --cross-tu summary cache (cross_tu.c) and the
 * result cache (result_cache.c). After a parse, dependency_list() records
 * every file clang read (clang_getInclusions: the source file and every
 * header) and the configuration file, as JSON:
 *   [{"path": "/abs/a.c", "hash": "hhhhhhhhhhhhhhhh:size"}, ...]
 * Before the next parse, dependency_hashes_unchanged() hashes those files
 * again (each file once per run, however many entries name it). A path in
 * a cache entry is data: only regular files are read (summary_cache.h's
 * hash_file).
 */
#ifndef LOCKCHECK_DEPENDENCY_HASHES_H
#define LOCKCHECK_DEPENDENCY_HASHES_H

#include <clang-c/Index.h>

/* The hashes of files on disk read so far in this run. One thread only. */
struct dependency_hashes;

struct dependency_hashes *dependency_hashes_new(void);
void dependency_hashes_free(struct dependency_hashes *memo);

/* 1 when every file of the list still has its hash, 0 when one changed or
 * cannot be read, -1 when the text is not a list lockcheck writes. */
int dependency_hashes_unchanged(struct dependency_hashes *memo, const char *deps_text);

/* The JSON list of every file `unit` read and of `config_path` (NULL: no
 * configuration file). A file whose absolute path is `skip_path` (the
 * editor's buffer, whose contents are in the entry's key) is left out.
 * Caller frees. */
char *dependency_list(CXTranslationUnit unit, const char *config_path, const char *skip_path);

#endif
