/*
 * check_missing_unlock.c: missing-unlock.
 *
 * A lock this function took is still held when it returns (reported at the
 * return, or at the closing brace when control falls off the end), or when
 * the thread leaves through pthread_exit / thrd_exit (reported at that call).
 *
 * Not every function that returns with a lock held leaks it: lock wrappers
 * hand the lock to their caller. A lock the caller can name (a global, or one
 * reached through a parameter) is reported only when the function itself
 * releases it on some other path (so it meant to balance it), or when the
 * function is a thread's entry point. Locks local to the function are always
 * reported. Wrappers that always return holding the lock become acquire
 * summaries for their callers instead (summary.c).
 */
#include <stdlib.h>

#include "annotations/annotations.h"
#include "dataflow/function_analysis.h"
#include "rules/rule.h"
#include "summary/summary.h"

static void report_exit(struct function_analysis *fa, unsigned node, unsigned lock,
                        const struct lock_fact *fact, const char *how)
{
    const struct lock_info *info = &fa->locks[lock];
    char *msg = str_printf("%s '%s' is still held %s", info->kind, info->display, how);
    struct finding *f = fa_report(fa, &rule_missing_unlock, node, msg);
    free(msg);
    fa_note_path(fa, f, lock, fact);
}

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev)
{
    if (ev->kind != LOCK_EVENT_THREAD_EXIT)
        return;
    char *callee = NULL;
    CXString name = clang_getCursorSpelling(clang_getCursorReferenced(fa->cfg.nodes[ev->node].cursor));
    callee = str_printf("when the thread exits through '%s'", clang_getCString(name));
    clang_disposeString(name);
    for (unsigned lock = 0; lock < fa->lock_count; lock++)
        if (ev->state->locks[lock].mask & LOCK_HELD)
            report_exit(fa, ev->node, lock, &ev->state->locks[lock], callee);
    free(callee);
}

/* Whether a lock still held at some return is this function's leak, or a
 * lock it hands to its caller (wrappers, conditional acquires). */
static bool leak_is_ours(struct function_analysis *fa, unsigned lock)
{
    const struct lock_info *info = &fa->locks[lock];
    if (annotation_function_acquires(fa, lock))
        return false; /* returning with it held is the point (see lock-not-acquired) */
    if (fa->is_thread_entry || lock_expr_in_frame(&info->expr))
        return true;
    long long value;
    if (summary_acquires_on_return(fa, lock, &value))
        return false;
    return info->released_after_acquire;
}

static void on_function_end(struct function_analysis *fa)
{
    char *how = fa->is_thread_entry
                    ? str_printf("when thread function '%s' returns", fa->name)
                    : str_printf("when '%s' returns", fa->name);
    for (unsigned lock = 0; lock < fa->lock_count; lock++) {
        if (!leak_is_ours(fa, lock))
            continue;
        for (unsigned i = 0; i < fa->exit_count; i++) {
            const struct lock_fact *fact = &fa->exits[i].locks[lock];
            if (fact->mask & LOCK_HELD)
                report_exit(fa, fa->exits[i].node, lock, fact, how);
        }
    }
    free(how);
}

const struct rule rule_missing_unlock = {
    .id = "missing-unlock",
    .short_description = "A lock taken by this function is still held when it returns.",
    .full_description =
        "A function that takes a lock and returns (typically on an error path) or ends its "
        "thread while still holding it leaves every other thread that needs the lock "
        "blocked. lockcheck reports the return (or the closing brace, or the pthread_exit "
        "call) where the lock is still held on some path, with a note where it was taken "
        "and the branch that leads there. Process-ending calls (exit, abort, a failed "
        "assert) are not leaks.",
    .on_lock_event = on_lock_event,
    .on_function_end = on_function_end,
};
