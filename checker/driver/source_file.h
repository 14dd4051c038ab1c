/*
 * source_file.h: the text of the files a translation unit's findings are in,
 * as libclang parsed them, with a line index. Suppression comments
 * (suppress.c) and fingerprints (finding_context.c) read it; one cache per
 * translation unit, in the worker that analysed it.
 */
#ifndef LOCKCHECK_SOURCE_FILE_H
#define LOCKCHECK_SOURCE_FILE_H

#include <clang-c/Index.h>
#include <stddef.h>

struct session;

struct source_file {
    char *name;              /* as findings name it */
    CXFile file;             /* NULL when libclang does not know it */
    const char *contents;    /* owned by the translation unit */
    size_t size;
    size_t *line_starts;     /* offset of each line's first byte */
    size_t line_count;
};

struct source_files {
    struct source_file *items;
    size_t count, capacity;
};

/* The file findings call `name`, loaded on first use. Never NULL; `file` and
 * `contents` are NULL when the translation unit does not contain it. The
 * pointer is valid until the next call. */
const struct source_file *source_files_get(struct source_files *cache, struct session *session,
                                           const char *name);

/* The text of 1-based `line` without its newline; NULL when out of range. */
const char *source_file_line(const struct source_file *sf, unsigned line, size_t *len);

void source_files_free(struct source_files *cache);

#endif
