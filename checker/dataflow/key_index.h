/*
 * key_index.h: a hash index from strings to lists of numbers, for the
 * collect pass of a long function: tracked conditions by their exact key,
 * and by the roots of the lvalues they read (the part of a lock_expr key
 * before its first '|'), so that an assignment or a call asks only the
 * conditions that may read what it writes instead of every condition.
 */
#ifndef LOCKCHECK_KEY_INDEX_H
#define LOCKCHECK_KEY_INDEX_H

#include <stddef.h>

struct key_index;

struct key_index *key_index_new(void);
void key_index_free(struct key_index *index);

/* Adds `value` under the first `length` bytes of `key`, unless it is the
 * last value there already (values added in increasing order stay sorted
 * and unique). */
void key_index_add(struct key_index *index, const char *key, size_t length, unsigned value);

/* The values under the first `length` bytes of `key`, in the order added;
 * *count 0 (and NULL) when there are none. Valid until the next add. */
const unsigned *key_index_find(const struct key_index *index, const char *key, size_t length,
                               size_t *count);

/* The length of a lock_expr key's root: up to its first '|'. */
size_t key_root_length(const char *key);

#endif
