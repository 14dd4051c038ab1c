/*
 * line_index.h: where each line of a text starts, and one line's text.
 * The per-translation-unit source cache (driver/source_file.c) and the
 * views' source texts (report/source_text.c) both index files this way.
 */
#ifndef LOCKCHECK_LINE_INDEX_H
#define LOCKCHECK_LINE_INDEX_H

#include <stddef.h>

/* The offsets of each line's first byte in `text` (a final newline starts
 * no line); sets *starts (caller frees) and returns the number of lines. */
size_t line_index_build(const char *text, size_t size, size_t **starts);

/* 1-based `line` of `text` without its line ending (\n or \r\n), or NULL
 * when there is no such line. */
const char *line_index_line(const char *text, size_t size, const size_t *starts, size_t count,
                            unsigned line, size_t *len);

#endif
