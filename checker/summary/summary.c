/*
 * summary.c: the summary table and summary inference (see summary.h).
 */
#include "summary/summary.h"

#include <stdlib.h>
#include <string.h>

#include "dataflow/function_analysis.h"
#include "util/memory.h"

struct summary_table {
    struct summary **slots;
    size_t capacity;
    size_t count;
};

static size_t hash_string(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

struct summary_table *summary_table_new(void)
{
    struct summary_table *t = xcalloc(1, sizeof *t);
    t->capacity = 64;
    t->slots = xcalloc(t->capacity, sizeof *t->slots);
    return t;
}

static void summary_free(struct summary *s)
{
    for (unsigned i = 0; i < s->effect_count; i++)
        lock_expr_free(&s->effects[i].lock);
    free(s->effects);
    if (s->analysis)
        function_analysis_free(s->analysis);
    free(s->usr);
    free(s->name);
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
        size_t at = hash_string(old[i]->usr) & (t->capacity - 1);
        while (t->slots[at])
            at = (at + 1) & (t->capacity - 1);
        t->slots[at] = old[i];
    }
    free(old);
}

struct summary *summary_table_get(struct summary_table *t, const char *usr, bool create)
{
    size_t at = hash_string(usr) & (t->capacity - 1);
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
}

/* Held at every exit, released at every exit, or held exactly at the exits
 * returning one constant (and untouched at the others): what callers see. */
static void infer_lock(struct summary *s, const struct function_analysis *fa, unsigned lock)
{
    const struct lock_info *info = &fa->locks[lock];
    if (!lock_expr_visible_to_caller(&info->expr) || fa->exit_count == 0)
        return;
    unsigned held_ex = 0, held_sh = 0, released = 0, untouched = 0;
    bool try_ok = true, have_success = false;
    long long success = 0;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        const struct exit_state *x = &fa->exits[i];
        uint8_t mask = x->locks[lock].mask;
        if (mask == LOCK_HELD_EXCLUSIVE)
            held_ex++;
        else if (mask == LOCK_HELD_SHARED)
            held_sh++;
        else if (mask == LOCK_RELEASED_ENTRY)
            released++;  /* the caller's lock (one taken and released here is no effect) */
        else if (mask == LOCK_ENTRY)
            untouched++;
        if (mask & LOCK_HELD) {
            if (!x->has_value || (have_success && x->value != success))
                try_ok = false;
            success = x->value;
            have_success = true;
        }
    }
    unsigned n = fa->exit_count;
    if (held_ex == n || held_sh == n) {
        summary_add_effect(s, &info->expr, LOCK_OP_ACQUIRE,
                           held_ex == n ? LOCK_MODE_EXCLUSIVE : LOCK_MODE_SHARED, 0, info->kind);
    } else if (released == n) {
        summary_add_effect(s, &info->expr, LOCK_OP_RELEASE, LOCK_MODE_ANY, 0, info->kind);
    } else if (try_ok && have_success && (held_ex + held_sh) + untouched == n &&
               (held_ex == 0 || held_sh == 0)) {
        for (unsigned i = 0; i < n; i++)
            if (fa->exits[i].locks[lock].mask == LOCK_ENTRY &&
                (!fa->exits[i].has_value || fa->exits[i].value == success))
                return;
        summary_add_effect(s, &info->expr, LOCK_OP_TRY_ACQUIRE,
                           held_ex ? LOCK_MODE_EXCLUSIVE : LOCK_MODE_SHARED, success, info->kind);
    }
}

void summary_from_exits(struct summary *s, const struct function_analysis *fa)
{
    for (unsigned lock = 0; lock < fa->lock_count; lock++)
        infer_lock(s, fa, lock);
}
