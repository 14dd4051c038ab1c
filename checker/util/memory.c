/*
 * memory.c: checked allocation (see memory.h).
 */
#include "util/memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
    fputs("lockcheck: error: out of memory\n", stderr);
    exit(2);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

char *xstrdup(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p)
        out_of_memory();
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = strndup(s ? s : "", n);
    if (!p)
        out_of_memory();
    return p;
}

void grow_array(void **items, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return;
    size_t cap = *capacity ? *capacity : 8;
    while (cap < needed)
        cap *= 2;
    *items = xrealloc(*items, cap * size);
    *capacity = cap;
}
