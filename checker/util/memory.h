/*
 * memory.h: allocation that never returns NULL (lockcheck exits with status 2
 * and a message when memory runs out) and a growable array helper.
 */
#ifndef LOCKCHECK_MEMORY_H
#define LOCKCHECK_MEMORY_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
/* The first n bytes of s (fewer when s ends sooner), as a string. */
char *xstrndup(const char *s, size_t n);

/* Grows `*items` (of `*capacity` elements of `size` bytes) to hold `needed`. */
void grow_array(void **items, size_t *capacity, size_t needed, size_t size);
#define ARRAY_RESERVE(items, capacity, needed) \
    grow_array((void **)&(items), &(capacity), (needed), sizeof *(items))

#endif
