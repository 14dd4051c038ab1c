/*
 * strbuf.h: a growable string, for building messages and keys.
 */
#ifndef LOCKCHECK_STRBUF_H
#define LOCKCHECK_STRBUF_H

#include <stddef.h>

struct strbuf {
    char *data;
    size_t len;
    size_t capacity;
};

void strbuf_append(struct strbuf *buf, const char *text);
void strbuf_append_n(struct strbuf *buf, const char *text, size_t n);
/* Returns the string (never NULL) and resets the buffer. */
char *strbuf_take(struct strbuf *buf);

#endif
