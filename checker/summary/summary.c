/*
 * summary.c: the summary table, and what a function's name says (see
 * summary.h). Inference from an analysis is the engine's: dataflow/summarise.c.
 */
#include "summary/summary.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/memory.h"
#include "util/strings.h"

struct summary_table {
    struct summary **slots;
    size_t capacity;
    size_t count;
};

struct summary_table *summary_table_new(void)
{
    struct summary_table *t = xcalloc(1, sizeof *t);
    t->capacity = 64;
    t->slots = xcalloc(t->capacity, sizeof *t->slots);
    return t;
}

void summary_clear(struct summary *s)
{
    for (unsigned i = 0; i < s->effect_count; i++)
        lock_expr_free(&s->effects[i].lock);
    free(s->effects);
    for (unsigned i = 0; i < s->kept_count; i++)
        lock_expr_free(&s->kept[i].lock);
    free(s->kept);
    free(s->inferred_pair);
    free(s->not_analysed);
    free(s->usr);
    free(s->name);
    memset(s, 0, sizeof *s);
}

static void summary_free(struct summary *s)
{
    summary_clear(s);
    free(s);
}

void summary_table_free(struct summary_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->capacity; i++)
        if (t->slots[i])
            summary_free(t->slots[i]);
    free(t->slots);
    free(t);
}

static void table_grow(struct summary_table *t)
{
    struct summary **old = t->slots;
    size_t old_capacity = t->capacity;
    t->capacity *= 2;
    t->slots = xcalloc(t->capacity, sizeof *t->slots);
    for (size_t i = 0; i < old_capacity; i++) {
        if (!old[i])
            continue;
        size_t at = hash_string(HASH_SEED, old[i]->usr) & (t->capacity - 1);
        while (t->slots[at])
            at = (at + 1) & (t->capacity - 1);
        t->slots[at] = old[i];
    }
    free(old);
}

void summary_table_each(struct summary_table *t, void (*fn)(struct summary *s, void *data), void *data)
{
    for (size_t i = 0; i < t->capacity; i++)
        if (t->slots[i])
            fn(t->slots[i], data);
}

struct summary *summary_table_get(struct summary_table *t, const char *usr, bool create)
{
    size_t at = hash_string(HASH_SEED, usr) & (t->capacity - 1);
    while (t->slots[at]) {
        if (strcmp(t->slots[at]->usr, usr) == 0)
            return t->slots[at];
        at = (at + 1) & (t->capacity - 1);
    }
    if (!create)
        return NULL;
    if ((t->count + 1) * 2 > t->capacity) {
        table_grow(t);
        return summary_table_get(t, usr, true);
    }
    struct summary *s = xcalloc(1, sizeof *s);
    s->usr = xstrdup(usr);
    t->slots[at] = s;
    t->count++;
    return s;
}

void summary_add_effect(struct summary *s, const struct lock_expr *lock, enum lock_op op,
                        enum lock_mode mode, long long success_value, const char *kind)
{
    s->effects = xrealloc(s->effects, (s->effect_count + 1) * sizeof *s->effects);
    struct summary_effect *e = &s->effects[s->effect_count++];
    lock_expr_copy(&e->lock, lock);
    e->op = op;
    e->mode = mode;
    e->success_value = success_value;
    e->kind = kind;
    e->if_arg = -1;
    e->if_op = PRED_NE;
    e->if_constant = 0;
}


struct summary_kept *summary_find_kept(struct summary *s, const char *key)
{
    for (unsigned i = 0; i < s->kept_count; i++) {
        char *k = lock_expr_key(&s->kept[i].lock);
        bool same = strcmp(k, key) == 0;
        free(k);
        if (same)
            return &s->kept[i];
    }
    return NULL;
}

/* Words of a function's name that say it returns holding a lock, as a word
 * of a snake_case, camelCase or UPPER_CASE name (`lock_pair`, `tableLock`,
 * `EnterCriticalSection`, `entry_get_locked`). */
static const char *const wrapper_words[] = {
    "lock", "locks", "locked", "locking", "trylock", "rdlock", "wrlock", "acquire", "acquires",
    "acquired", "enter", "enters", "begin", "begins", "grab", "grabs", "hold", "holds", NULL,
};

bool name_says_it_locks(const char *name)
{
    return identifier_has_word(name, wrapper_words);
}
