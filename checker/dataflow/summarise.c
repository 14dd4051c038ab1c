/*
 * summarise.c: a function's summary inferred from its analysis (its exit
 * states), and the hand-over conventions missing-unlock asks about (see
 * summarise.h). The summary itself is plain data (summary/summary.h).
 */
#include "dataflow/summarise.h"

#include <stdlib.h>
#include <string.h>

#include "dataflow/function_analysis.h"
#include "dataflow/inferred_api.h"
#include "dataflow/var_map.h"
#include "summary/summary.h"
#include "util/memory.h"

/* The function returns a pointer to an object that is not a lock (nor
 * `void *`, which may be one: `item_trylock` returns the mutex it took). */
static bool returns_object_pointer(const struct function_analysis *fa)
{
    CXType t = clang_getCanonicalType(clang_getCursorResultType(fa->function));
    if (t.kind != CXType_Pointer)
        return false;
    CXType pointee = clang_getCanonicalType(clang_getPointeeType(t));
    if (pointee.kind == CXType_Void)
        return false;
    CXString spelling = clang_getTypeSpelling(pointee);
    const char *name = clang_getCString(spelling);
    bool lock = strstr(name, "mutex") || strstr(name, "lock") || strstr(name, "mtx");
    clang_disposeString(spelling);
    return !lock;
}

/* What an exit says about the lock and the value returned. */
enum exit_kind {
    EXIT_HELD_EQ,      /* held, returning the constant `value` */
    EXIT_HELD_NONZERO, /* held exactly when the returned value is non-zero */
    EXIT_FREE,         /* not held (untouched, or taken and released) */
    EXIT_OTHER,        /* anything else: no convention applies */
};

static enum exit_kind classify_exit(const struct function_analysis *fa, const struct exit_state *x,
                                    unsigned lock)
{
    const struct lock_fact *f = &x->locks[lock];
    if (!(f->mask & LOCK_HELD))
        return f->mask & ~(LOCK_ENTRY | LOCK_RETAKEN | LOCK_RELEASED) ? EXIT_OTHER : EXIT_FREE;
    if (x->failure)
        return EXIT_OTHER; /* "failed" with the lock held: never a hand-over */
    if (LOCK_ONLY(f->mask, LOCK_HELD)) {
        if (x->has_value)
            return EXIT_HELD_EQ;
        /* `if (it == NULL) return NULL; lock(); return it;`, or an object
         * returned locked from a function returning a pointer: callers test
         * it against NULL (the NULL returns must then be unlocked ones). */
        if (x->returned_truth == TRUTH_NONZERO ||
            (x->returned_truth == TRUTH_UNKNOWN && returns_object_pointer(fa)))
            return EXIT_HELD_NONZERO;
        return EXIT_OTHER;
    }
    /* Held on some paths: fine when the value returned tells which. */
    int v = x->returned_var;
    if (v == NO_VAR || v >= MAX_GUARD_VARS || !(f->guard_vars & (1u << v)))
        return EXIT_OTHER;
    bool nonzero_on_a = (f->guard_nonzero & (1u << v)) != 0;
    uint8_t held_side = nonzero_on_a ? f->side_a : f->side_b;
    uint8_t free_side = nonzero_on_a ? f->side_b : f->side_a;
    if (LOCK_ONLY(held_side, LOCK_HELD) && !(free_side & LOCK_HELD) &&
        !(free_side & ~(LOCK_ENTRY | LOCK_RETAKEN | LOCK_RELEASED)))
        return EXIT_HELD_NONZERO;
    return EXIT_OTHER;
}

/* Every return without the lock held returns a failure value (false, NULL,
 * negative, an errno name): `true` with the lock, `false` without it. */
static bool free_exits_all_fail(const struct function_analysis *fa, unsigned lock)
{
    for (unsigned i = 0; i < fa->exit_count; i++)
        if (classify_exit(fa, &fa->exits[i], lock) == EXIT_FREE && !fa->exits[i].failure)
            return false;
    return true;
}

bool summary_acquires_on_return(const struct function_analysis *fa, unsigned lock, long long *value)
{
    /* The success predicate: "== success" (constants), or "!= 0" (pointers). */
    bool have = false, nonzero = false;
    long long success = 0;
    unsigned others = 0;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        const struct exit_state *x = &fa->exits[i];
        enum exit_kind k = classify_exit(fa, x, lock);
        if (k == EXIT_OTHER)
            return false;
        if (k == EXIT_FREE) {
            others++;
            continue;
        }
        bool this_nonzero = k == EXIT_HELD_NONZERO;
        if (have && (this_nonzero != nonzero || (!nonzero && x->value != success)))
            return false;
        /* `if (obj) lock(&obj->mu); return obj;`: one return, whose NULL
         * side is the unlocked one. */
        if (this_nonzero && !LOCK_ONLY(x->locks[lock].mask, LOCK_HELD))
            others++;
        nonzero = this_nonzero;
        success = this_nonzero ? 1 : x->value;
        have = true;
    }
    if (!have || others == 0)
        return false;
    /* A function that also takes and gives back the lock itself only hands
     * it over by C's conventions: 0 with the lock and an error code without,
     * or an object with the lock and NULL without. */
    bool balances = fa->locks[lock].released_after_acquire;
    if (balances && !nonzero && success != 0 && !free_exits_all_fail(fa, lock))
        return false;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        const struct exit_state *x = &fa->exits[i];
        if (classify_exit(fa, x, lock) != EXIT_FREE || x->failure)
            continue;
        if (nonzero) {
            if (!x->has_value || x->value != 0)
                return false;
        } else if (x->has_value ? x->value == success || (balances && x->value >= 0) : !balances) {
            return false;
        }
    }
    *value = success;
    return true;
}

bool summary_failure_returned_held(const struct function_analysis *fa, unsigned lock)
{
    bool failure_held = false, success_free = false;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        const struct exit_state *x = &fa->exits[i];
        bool held = x->locks[lock].mask & LOCK_HELD;
        failure_held |= held && x->failure;
        success_free |= !held && !x->failure;
    }
    return failure_held && success_free;
}
/* A lock callers can name that some exit returns holding. */
static void add_kept(struct summary *s, const struct function_analysis *fa, unsigned lock)
{
    for (unsigned i = 0; i < fa->exit_count; i++) {
        if (fa->exits[i].locks[lock].mask & LOCK_HELD) {
            s->kept = xrealloc(s->kept, (s->kept_count + 1) * sizeof *s->kept);
            struct summary_kept *k = &s->kept[s->kept_count++];
            lock_expr_copy(&k->lock, &fa->locks[lock].expr);
            k->taken_over_by_caller = false;
            return;
        }
    }
}

/* The truth of each parameter test at each exit, read once for every lock
 * asking (fa_var_truth walks the exit's condition facts) and only when
 * asked: most locks are decided by their first exits. */
struct exit_truths {
    uint8_t *truth; /* param_test_count x exit_count; TRUTH_NOT_READ until read */
};
#define TRUTH_NOT_READ 0xFF
/* Past this many cells (a byte each) the truths are read every time. */
#define MAX_EXIT_TRUTHS (1u << 22)

static uint8_t exit_truth(struct exit_truths *t, const struct function_analysis *fa, unsigned k, unsigned exit)
{
    size_t n = (size_t)fa->param_test_count * fa->exit_count;
    if (n > MAX_EXIT_TRUTHS)
        return fa_var_truth(fa, &fa->exits[exit].vars, fa->param_tests[k]);
    if (!t->truth) {
        t->truth = xmalloc(n);
        memset(t->truth, TRUTH_NOT_READ, n);
    }
    uint8_t *cell = &t->truth[(size_t)k * fa->exit_count + exit];
    if (*cell == TRUTH_NOT_READ)
        *cell = fa_var_truth(fa, &fa->exits[exit].vars, fa->param_tests[k]);
    return *cell;
}

/* The lock's state at an exit on the paths where tracked condition v has
 * this truth (known: what the exit knows of v): the matching side of a
 * guard on v; 0 when the exit is not reached with that truth. */
static uint8_t exit_mask_when(const struct exit_state *x, unsigned lock, unsigned v, uint8_t known, bool nonzero)
{
    const struct lock_fact *f = &x->locks[lock];
    if (known != TRUTH_UNKNOWN)
        return (known == TRUTH_NONZERO) == nonzero ? f->mask : 0;
    if (v >= MAX_GUARD_VARS || !(f->guard_vars & (1u << v)))
        return f->mask;
    return ((f->guard_nonzero & (1u << v)) != 0) == nonzero ? f->side_a : f->side_b;
}

/* Whether every exit reached with v of this truth has released the caller's
 * lock, and nothing else (FACT_TRIED excluded), and some exit is. */
static bool releases_when(const struct function_analysis *fa, unsigned lock, unsigned k, struct exit_truths *truths,
                          bool nonzero)
{
    bool some = false;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        uint8_t known = exit_truth(truths, fa, k, i);
        uint8_t mask = exit_mask_when(&fa->exits[i], lock, fa->param_tests[k], known, nonzero);
        if (!mask)
            continue;
        if (mask != LOCK_RELEASED_ENTRY || (fa->exits[i].locks[lock].flags & (FACT_TRIED | FACT_UNTRACKED)))
            return false;
        some = true;
    }
    return some;
}

/* A helper told by a flag that its caller holds the lock and hands it over
 * (`rearm(q, true)`), taking it itself otherwise, and releasing it either
 * way: for callers passing that flag as a constant, a release. */
static void add_released_if_argument(struct summary *s, const struct function_analysis *fa, unsigned lock,
                                     struct exit_truths *truths)
{
    bool released_for_caller = false;   /* at some exit (else no test of a parameter can tell) */
    for (unsigned i = 0; i < fa->exit_count && !released_for_caller; i++)
        released_for_caller = fa->exits[i].locks[lock].mask & LOCK_RELEASED_ENTRY;
    if (!released_for_caller)
        return;
    for (unsigned k = 0; k < fa->param_test_count; k++) {
        unsigned v = fa->param_tests[k];
        for (int side = 0; side < 2; side++) {
            enum pred_op op;
            long long constant;
            uint8_t truth = side ? TRUTH_NONZERO : TRUTH_ZERO;
            int arg = fa_parameter_test(fa, v, truth, &op, &constant);
            if (arg < 0 || !releases_when(fa, lock, k, truths, side))
                continue;
            const struct lock_info *info = &fa->locks[lock];
            summary_add_effect(s, &info->expr, LOCK_OP_RELEASE, LOCK_MODE_ANY, 0, info->kind);
            s->effects[s->effect_count - 1].if_arg = arg;
            s->effects[s->effect_count - 1].if_op = (int)op;
            s->effects[s->effect_count - 1].if_constant = constant;
            return;
        }
    }
}

/* Held at every exit, released (the caller's lock) at every exit, or held
 * exactly at the exits returning one constant: what callers see. */
static void infer_lock(struct summary *s, const struct function_analysis *fa, unsigned lock,
                       struct exit_truths *truths)
{
    const struct lock_info *info = &fa->locks[lock];
    if (!lock_expr_visible_to_caller(&info->expr) || fa->exit_count == 0)
        return;
    add_kept(s, fa, lock);
    unsigned held_ex = 0, held_sh = 0, released = 0;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        uint8_t mask = fa->exits[i].locks[lock].mask;
        if (mask == LOCK_HELD_EXCLUSIVE || mask == LOCK_HELD_EXCLUSIVE_TWICE)
            held_ex++;
        else if (mask == LOCK_HELD_SHARED || mask == LOCK_HELD_SHARED_TWICE)
            held_sh++;
        else if (mask == LOCK_RELEASED_ENTRY)
            released++; /* released the caller's lock (a balanced lock/unlock is LOCK_RELEASED) */
    }
    unsigned n = fa->exit_count;
    long long success;
    if (held_ex == n || held_sh == n) {
        /* A wrapper that always returns the same constant cannot report a
         * failure: that constant is its "done" (`ctx_lock` returning 1). */
        summary_add_effect(s, &info->expr, LOCK_OP_ACQUIRE,
                           held_ex == n ? LOCK_MODE_EXCLUSIVE : LOCK_MODE_SHARED,
                           fa->returns_constant ? fa->return_constant : 0, info->kind);
    } else if (released == n) {
        summary_add_effect(s, &info->expr, LOCK_OP_RELEASE, LOCK_MODE_ANY, 0, info->kind);
    } else if (summary_acquires_on_return(fa, lock, &success)) {
        summary_add_effect(s, &info->expr, LOCK_OP_TRY_ACQUIRE,
                           held_ex ? LOCK_MODE_EXCLUSIVE : LOCK_MODE_SHARED, success, info->kind);
    } else {
        if (info->taken_inside) {
            summary_add_effect(s, &info->expr, LOCK_OP_TAKES, info->taken_inside_mode, 0, info->kind);
            /* `if (lock_it) lock(...)`: callers passing a constant know. */
            s->effects[s->effect_count - 1].if_arg = info->taken_inside_if_arg;
            s->effects[s->effect_count - 1].if_op = (int)info->taken_inside_if_op;
            s->effects[s->effect_count - 1].if_constant = info->taken_inside_if_constant;
        }
        add_released_if_argument(s, fa, lock, truths);
    }
}

void summary_from_exits(struct summary *s, const struct function_analysis *fa)
{
    struct exit_truths truths = {0};
    for (unsigned lock = 0; lock < fa->lock_count; lock++)
        infer_lock(s, fa, lock, &truths);
    free(truths.truth);
}

void summary_record_facts(struct summary *s, const struct function_analysis *fa)
{
    s->returns_param = fa->returns_param;
    s->returns_constant = fa->returns_constant;
    s->return_constant = fa->return_constant;
    s->writes_memory = fa->writes_memory;
    s->wraps_hidden_lock = wraps_hidden_lock(fa);
    s->broken_lock_function = fa->broken_lock_function;
    s->not_analysed = fa->not_analysed ? xstrdup(fa->not_analysed) : NULL;
    s->analysed = true;
}
