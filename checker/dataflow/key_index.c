/*
 * key_index.c: strings to lists of numbers (see key_index.h), an open-
 * addressing hash table (FNV-1a, linear probing) that doubles when half full.
 */
#include "dataflow/key_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/memory.h"

struct key_slot {
    char *key;              /* NULL: empty */
    unsigned *values;
    size_t count, capacity;
};

struct key_index {
    struct key_slot *slots;
    size_t slot_count;      /* a power of two */
    size_t used;
};

struct key_index *key_index_new(void)
{
    struct key_index *ix = xcalloc(1, sizeof *ix);
    ix->slot_count = 64;
    ix->slots = xcalloc(ix->slot_count, sizeof *ix->slots);
    return ix;
}

void key_index_free(struct key_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->slot_count; i++) {
        free(ix->slots[i].key);
        free(ix->slots[i].values);
    }
    free(ix->slots);
    free(ix);
}

/* The slot holding this key, or the empty slot where it would go. */
static struct key_slot *find_slot(const struct key_index *ix, const char *key, size_t length)
{
    size_t mask = ix->slot_count - 1;
    for (size_t i = hash_bytes(HASH_SEED, key, length) & mask;; i = (i + 1) & mask) {
        struct key_slot *s = &ix->slots[i];
        if (!s->key || (strncmp(s->key, key, length) == 0 && s->key[length] == '\0'))
            return s;
    }
}

static void grow(struct key_index *ix)
{
    struct key_slot *old = ix->slots;
    size_t old_count = ix->slot_count;
    ix->slot_count *= 2;
    ix->slots = xcalloc(ix->slot_count, sizeof *ix->slots);
    for (size_t i = 0; i < old_count; i++)
        if (old[i].key)
            *find_slot(ix, old[i].key, strlen(old[i].key)) = old[i];
    free(old);
}

void key_index_add(struct key_index *ix, const char *key, size_t length, unsigned value)
{
    if (2 * (ix->used + 1) > ix->slot_count)
        grow(ix);
    struct key_slot *s = find_slot(ix, key, length);
    if (!s->key) {
        s->key = xstrndup(key, length);
        ix->used++;
    }
    if (s->count > 0 && s->values[s->count - 1] == value)
        return;
    ARRAY_RESERVE(s->values, s->capacity, s->count + 1);
    s->values[s->count++] = value;
}

const unsigned *key_index_find(const struct key_index *ix, const char *key, size_t length, size_t *count)
{
    const struct key_slot *s = find_slot(ix, key, length);
    *count = s->key ? s->count : 0;
    return s->key ? s->values : NULL;
}

size_t key_root_length(const char *key)
{
    return strcspn(key, "|");
}
