/*
 * strbuf.c: growable strings (see strbuf.h).
 */
#include "util/strbuf.h"

#include <string.h>

#include "util/memory.h"

void strbuf_append_n(struct strbuf *buf, const char *text, size_t n)
{
    ARRAY_RESERVE(buf->data, buf->capacity, buf->len + n + 1);
    memcpy(buf->data + buf->len, text, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
}

void strbuf_append(struct strbuf *buf, const char *text)
{
    strbuf_append_n(buf, text, strlen(text));
}

char *strbuf_take(struct strbuf *buf)
{
    char *s = buf->data ? buf->data : xstrdup("");
    memset(buf, 0, sizeof *buf);
    return s;
}
