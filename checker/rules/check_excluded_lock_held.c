/*
 * check_excluded_lock_held.c: excluded-lock-held.
 *
 * A call to a function annotated LC_EXCLUDES(lock) (clang: locks_excluded)
 * made while the caller may hold that lock: the callee takes it itself, so
 * the call deadlocks (or, for a recursive lock, breaks the callee's view of
 * the data).
 */
#include <stdlib.h>

#include "annotations/annotations.h"
#include "dataflow/annotation_facts.h"
#include "dataflow/function_analysis.h"
#include "rules/rule.h"

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev, void *state)
{
    if (ev->kind != LOCK_EVENT_CALL)
        return;
    size_t count;
    const struct annotated_call *c = annotation_calls_at(fa, ev->node, &count);
    for (size_t i = 0; i < count; i++) {
        if (!c[i].excluded)
            continue;
        const struct lock_fact *fact = &ev->state->locks[c[i].lock];
        if (!(fact->mask & LOCK_HELD))
            continue;
        char *msg = str_printf("calling '%s' while holding '%s', which it excludes", c[i].callee,
                               fa->locks[c[i].lock].display);
        struct finding *f = fa_report(fa, &rule_excluded_lock_held.description, ev->node, msg);
        free(msg);
        fa_note_path(fa, f, c[i].lock, fact);
    }
}

const struct rule rule_excluded_lock_held = {
    .description.id = "excluded-lock-held",
    .description.short_description = "A function that must not be called with a lock held is called holding it.",
    .description.full_description =
        "A function annotated LC_EXCLUDES(lock) (clang: locks_excluded) takes the lock "
        "itself; calling it while holding the lock deadlocks on a non-recursive mutex. "
        "lockcheck reports such a call when the lock is held on some path reaching it.",
    .on_lock_event = on_lock_event,
};
