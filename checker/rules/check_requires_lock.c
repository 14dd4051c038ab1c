/*
 * check_requires_lock.c: requires-lock.
 *
 * A call to a function annotated LC_REQUIRES(lock) (clang: requires_capability,
 * exclusive_locks_required) made where the caller does not hold the lock
 * exclusively on every path, or to an LC_REQUIRES_SHARED one where it does
 * not hold it at all. The lock is named through the call's arguments:
 * `deposit(to, n)` on `void deposit(struct account *a, long n)
 * LC_REQUIRES(a->mu)` needs `to->mu`.
 *
 * Condition waits need their mutex too, without any annotation:
 * pthread_cond_wait(&cv, &m) after this function released m on every path
 * reaching it is undefined behaviour (and the wait's wake-up is lost).
 */
#include <stdlib.h>

#include "annotations/annotations.h"
#include "dataflow/annotation_facts.h"
#include "dataflow/function_analysis.h"
#include "rules/rule.h"

static void check_call(struct function_analysis *fa, const struct lock_event *ev,
                       const struct annotated_call *c)
{
    const struct lock_fact *fact = &ev->state->locks[c->lock];
    bool ok = LOCK_ONLY(fact->mask, c->shared ? LOCK_HELD_NOW : LOCK_HELD_NOW_EXCLUSIVE);
    if (ok)
        return;
    const char *lock = fa->locks[c->lock].display;
    char *msg = str_printf("calling '%s' requires holding '%s'%s", c->callee, lock,
                           c->shared ? "" : " exclusively");
    struct finding *f = fa_report(fa, &rule_requires_lock.description, ev->node, msg);
    free(msg);
    fa_note_released(fa, f, c->lock, fact);
}

static void check_wait(struct function_analysis *fa, const struct lock_event *ev)
{
    unsigned lock = ev->effect->lock;
    const struct lock_fact *fact = &ev->state->locks[lock];
    if (!LOCK_ONLY(fact->mask, LOCK_ANY_RELEASED))
        return;
    char *msg = str_printf("'%s' requires holding %s '%s', but it was released", ev->effect->api,
                           fa->locks[lock].kind, fa->locks[lock].display);
    struct finding *f = fa_report(fa, &rule_requires_lock.description, ev->node, msg);
    free(msg);
    fa_note_released(fa, f, lock, fact);
}

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev, void *state)
{
    if (ev->kind == LOCK_EVENT_WAIT) {
        check_wait(fa, ev);
        return;
    }
    if (ev->kind != LOCK_EVENT_CALL)
        return;
    size_t count;
    const struct annotated_call *c = annotation_calls_at(fa, ev->node, &count);
    for (size_t i = 0; i < count; i++)
        if (!c[i].excluded)
            check_call(fa, ev, &c[i]);
}

const struct rule rule_requires_lock = {
    .description.id = "requires-lock",
    .description.short_description = "A function that requires a lock is called without holding it.",
    .description.full_description =
        "A function annotated LC_REQUIRES(lock) (clang: requires_capability) expects its "
        "caller to hold the lock exclusively, LC_REQUIRES_SHARED at least shared; the lock "
        "is named in terms of the function's parameters and global variables. lockcheck "
        "substitutes the call's arguments and reports a call where that lock is not held "
        "on some path reaching it. Inside the annotated function the lock is held from the "
        "start. A condition wait (pthread_cond_wait, cnd_wait) after its mutex was released "
        "on every path is reported too.",
    .on_lock_event = on_lock_event,
};
