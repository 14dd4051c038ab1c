/*
 * source_text.h: the text of the files findings point into, for the views
 * that show source (the terminal's snippets, the HTML report).
 *
 * By then every translation unit is disposed of, so files are read again
 * from disk: regular files only (never a FIFO or a device a hostile
 * compile database names), at most SOURCE_TEXT_MAX_SIZE bytes. A buffer can
 * be registered under a name first (--stdin-filename: the editor's unsaved
 * text, not the file on disk). A file that cannot be read has no lines, and
 * the views show the finding without its source.
 */
#ifndef LOCKCHECK_SOURCE_TEXT_H
#define LOCKCHECK_SOURCE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define SOURCE_TEXT_MAX_SIZE ((size_t)256 * 1024 * 1024)

struct source_texts;

struct source_texts *source_texts_new(void);
void source_texts_free(struct source_texts *texts);

/* Makes `contents` (copied) the text of `name`. */
void source_texts_add_buffer(struct source_texts *texts, const char *name,
                             const char *contents, size_t size);

/* The text of 1-based `line` of `name` without its line ending; NULL when the
 * file cannot be read or has no such line. Valid until source_texts_free. */
const char *source_texts_line(struct source_texts *texts, const char *name, unsigned line,
                              size_t *len);

/* The token at 1-based byte `column` of `line` (an identifier or number, a
 * run of other non-blank characters being one character each), as 1-based
 * columns counted in Unicode code points: *start at it, *end just after it.
 * False when the line cannot be read or is shorter. */
bool source_texts_token_span(struct source_texts *texts, const char *name, unsigned line,
                             unsigned column, unsigned *start, unsigned *end);

/* The number of lines of `name` (0 when it cannot be read). */
unsigned source_texts_line_count(struct source_texts *texts, const char *name);

#endif
