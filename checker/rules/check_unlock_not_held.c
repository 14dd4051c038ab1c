/*
 * check_unlock_not_held.c: unlock-not-held.
 *
 * Releasing a lock this function has already released (on some path).
 * A release of a lock whose state at entry is unknown is the caller's
 * business and is not reported; releasing it twice is.
 */
#include <stdlib.h>

#include "dataflow/function_analysis.h"
#include "rules/rule.h"

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev)
{
    if (ev->kind != LOCK_EVENT_RELEASE)
        return;
    unsigned lock = ev->effect->lock;
    const struct lock_info *info = &fa->locks[lock];
    const struct lock_fact *fact = &ev->state->locks[lock];
    if (!(fact->mask & LOCK_ANY_RELEASED))
        return;
    char *msg = str_printf("%s '%s' is released but it is not held", info->kind, info->display);
    struct finding *f = fa_report(fa, &rule_unlock_not_held, ev->node, msg);
    free(msg);
    if (!f)
        return;
    msg = str_printf(fact->released_at == ev->node
                         ? "'%s' released here on the previous iteration of the loop"
                         : "'%s' already released here",
                     info->display);
    fa_note(fa, f, fact->released_at, msg);
    free(msg);
}

const struct rule rule_unlock_not_held = {
    .id = "unlock-not-held",
    .short_description = "A lock is released after this function already released it.",
    .full_description =
        "Unlocking a mutex the thread does not hold is undefined behaviour for default "
        "POSIX mutexes and corrupts the lock's state for spinlocks. lockcheck reports a "
        "release when the same function already released the lock on some path reaching "
        "it. A release of a lock taken by the caller is not reported.",
    .on_lock_event = on_lock_event,
};
