/*
 * check_blocking_under_spinlock.c: blocking-under-spinlock.
 *
 * A spinlock is for a few instructions: every other thread that wants it
 * burns its processor until it is free. A call that can put the holder to
 * sleep (apis/blocking_calls.c: sleeps, waits, joins, blocking I/O), or the
 * blocking acquisition of a mutex, made while a spinlock is held on every
 * path turns that into seconds of spinning (and a deadlock when the sleeper
 * waits for a spinner). Reported at the call, with a note where the spinlock
 * was taken.
 */
#include <stdlib.h>
#include <string.h>

#include "apis/blocking_calls.h"
#include "ast/cursor_util.h"
#include "dataflow/function_analysis.h"
#include "rules/rule.h"

static void report(struct function_analysis *fa, const struct lock_event *ev, const char *callee,
                   const char *reason)
{
    for (unsigned lock = 0; lock < fa->lock_count; lock++) {
        const struct lock_info *info = &fa->locks[lock];
        const struct lock_fact *fact = &ev->state->locks[lock];
        if (strcmp(info->kind, "spinlock") != 0 || !LOCK_ONLY(fact->mask, LOCK_HELD_NOW))
            continue;
        char *msg = str_printf("'%s' %s while spinlock '%s' is held: other threads spin until it "
                               "returns", callee, reason, info->display);
        struct finding *f = fa_report(fa, &rule_blocking_under_spinlock.description, ev->node, msg);
        free(msg);
        if (f && fact->acquired_at != NO_NODE_ID) {
            msg = str_printf("'%s' acquired here", info->display);
            fa_note(fa, f, fact->acquired_at, msg);
            free(msg);
        }
        return; /* one finding per call */
    }
}

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev, void *state)
{
    if (ev->kind == LOCK_EVENT_CALL) {
        char *callee = call_callee_name(fa->cfg.nodes[ev->node].cursor);
        const char *reason = blocking_call_reason(callee);
        if (reason)
            report(fa, ev, callee, reason);
        free(callee);
    } else if (ev->kind == LOCK_EVENT_ACQUIRE &&
               (ev->effect->op == LOCK_OP_ACQUIRE || ev->effect->op == LOCK_OP_TAKES) &&
               strcmp(fa->locks[ev->effect->lock].kind, "spinlock") != 0) {
        report(fa, ev, ev->effect->api, ev->effect->op == LOCK_OP_TAKES
                                            ? "takes a lock inside, and may wait for it"
                                            : "may wait for another thread");
    }
}

const struct rule rule_blocking_under_spinlock = {
    .description.id = "blocking-under-spinlock",
    .description.short_description = "A call that can block is made while a spinlock is held.",
    .description.full_description =
        "Threads waiting for a spinlock keep their processor busy instead of sleeping, so a "
        "spinlock must only be held for a few instructions. lockcheck reports a call that can "
        "put the holder to sleep (sleep, usleep, nanosleep, pthread_join, condition and "
        "semaphore waits, blocking I/O such as read, write, recv, poll) and the blocking "
        "acquisition of a mutex or rwlock, made while a spinlock is held on every path.",
    .on_lock_event = on_lock_event,
};
