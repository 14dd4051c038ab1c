/*
 * check_double_lock.c: double-lock.
 *
 * Taking a lock this function already holds, on some path: a non-recursive
 * mutex deadlocks, a spinlock spins forever. Calling a function that takes
 * the lock inside (its summary says so) while holding it deadlocks too. Mutexes the translation unit
 * makes recursive (ast/recursive_mutex.c) may be taken again. The lock held on the previous
 * iteration of a loop is the common case. Shared acquisitions of a lock held
 * shared are allowed (POSIX read locks may be taken several times); try-locks
 * fail instead of blocking and are not reported.
 */
#include <stdlib.h>

#include "dataflow/function_analysis.h"
#include "rules/rule.h"

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev, void *state)
{
    if (ev->kind != LOCK_EVENT_ACQUIRE ||
        (ev->effect->op != LOCK_OP_ACQUIRE && ev->effect->op != LOCK_OP_TAKES))
        return;
    bool inside = ev->effect->op == LOCK_OP_TAKES;
    unsigned lock = ev->effect->lock;
    const struct lock_info *info = &fa->locks[lock];
    const struct lock_fact *fact = &ev->state->locks[lock];
    bool shared = ev->effect->mode == LOCK_MODE_SHARED;
    uint8_t conflicting = shared ? LOCK_HELD_NOW_EXCLUSIVE : LOCK_HELD_NOW;
    if (!(fact->mask & conflicting) || FACT_LOST_TRACK(fact) || fa_lock_is_recursive(fa, lock))
        return;
    char *msg = inside ? str_printf("'%s' acquires %s '%s', which is already held here",
                                    ev->effect->api, info->kind, info->display)
                : !shared && !(fact->mask & LOCK_HELD_NOW_EXCLUSIVE)
                    ? str_printf("%s '%s' is acquired for writing while already held for reading",
                                 info->kind, info->display)
                    : str_printf("%s '%s' is acquired while already held", info->kind, info->display);
    struct finding *f = fa_report(fa, &rule_double_lock.description, ev->node, msg);
    free(msg);
    if (!f)
        return;
    if (fact->acquired_at == ev->node) {
        msg = str_printf("'%s' acquired here on the previous iteration of the loop", info->display);
        fa_note(fa, f, fact->acquired_at, msg);
        free(msg);
    } else {
        fa_note_path(fa, f, lock, fact);
    }
}

const struct rule rule_double_lock = {
    .description.id = "double-lock",
    .description.short_description = "A lock is acquired while this function already holds it.",
    .description.full_description =
        "Taking a non-recursive mutex, a spinlock or a write lock that the same thread "
        "already holds deadlocks (or is undefined behaviour). lockcheck reports an "
        "acquisition when the lock is held on some path reaching it, including the path "
        "around a loop whose body takes the lock without releasing it.",
    .on_lock_event = on_lock_event,
};
