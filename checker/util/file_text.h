/*
 * file_text.h: a regular file's text, read whole.
 *
 * Opened without blocking and checked after opening: a FIFO, a device or a
 * folder named where a source file is expected is refused without a read
 * that could wait forever, and a file larger than the caller's limit is
 * not read at all.
 */
#ifndef LOCKCHECK_FILE_TEXT_H
#define LOCKCHECK_FILE_TEXT_H

#include <stddef.h>

/* The text, NUL-terminated (caller frees), and its length in *size when
 * `size` is not NULL; NULL for anything but a regular file of at most
 * `max_bytes` bytes, or on any error. */
char *file_text_read(const char *path, size_t max_bytes, size_t *size);

#endif
