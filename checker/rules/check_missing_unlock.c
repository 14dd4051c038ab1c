/*
 * check_missing_unlock.c: missing-unlock.
 *
 * A lock this function took is still held when it returns (reported at the
 * return, or at the closing brace when control falls off the end), or when
 * the thread leaves through pthread_exit / thrd_exit (reported at that call).
 *
 * Not every function that returns with a lock held leaks it: lock wrappers
 * hand the lock to their caller. Which one it is, is decided by evidence
 * (README, "How lockcheck decides a lock was leaked"):
 *  - a lock in the function's own frame, or kept by a thread's entry point,
 *    is always leaked;
 *  - a failure value (NULL, false, a negative constant, an errno name)
 *    returned with the lock held while a success value is returned without
 *    it is the early-return leak, never a hand-over;
 *  - the hand-over conventions (summary_acquires_on_return: locked or NULL,
 *    0 with the lock and an error without it, a try-lock wrapper), an
 *    acquire annotation, or a name that says "lock" make it a wrapper;
 *  - otherwise a function that also releases the lock itself, and does not
 *    hold it at every return, meant to balance it: a leak;
 *  - otherwise the callers decide, at the end of the translation unit: a
 *    caller that releases the lock after the call, or returns holding it in
 *    turn, makes it a wrapper. Without one the leak is reported, with a note
 *    saying why, unless the function holds the lock at every return and its
 *    callers cannot all be seen (external linkage, or its address is taken).
 */
#include <stdbool.h>
#include <stdlib.h>

#include "annotations/annotations.h"
#include "ast/cursor_util.h"
#include "ast/function_refs.h"
#include "ast/session.h"
#include "dataflow/annotation_facts.h"
#include "dataflow/function_analysis.h"
#include "dataflow/summarise.h"
#include "rules/rule.h"
#include "summary/summary.h"
#include "util/memory.h"
#include "util/strings.h"

/* Reports the leak at an exit. */
static struct finding *report_exit(struct function_analysis *fa, unsigned node, unsigned lock,
                                   const struct lock_fact *fact, const char *how)
{
    const struct lock_info *info = &fa->locks[lock];
    char *msg = str_printf("%s '%s' is still held %s", info->kind, info->display, how);
    struct finding *f = fa_report(fa, &rule_missing_unlock.description, node, msg);
    free(msg);
    fa_note_path(fa, f, lock, fact);
    return f;
}

/* Held here by this function, on some path lockcheck can tell. */
static bool leaks_here(const struct lock_fact *fact)
{
    return (fact->mask & LOCK_HELD) && !FACT_LOST_TRACK(fact);
}

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev, void *state)
{
    if (ev->kind != LOCK_EVENT_THREAD_EXIT)
        return;
    char *callee = NULL;
    CXString name = clang_getCursorSpelling(clang_getCursorReferenced(fa->cfg.nodes[ev->node].cursor));
    callee = str_printf("when the thread exits through '%s'", clang_getCString(name));
    clang_disposeString(name);
    for (unsigned lock = 0; lock < fa->lock_count; lock++)
        if (leaks_here(&ev->state->locks[lock]))
            report_exit(fa, ev->node, lock, &ev->state->locks[lock], callee);
    free(callee);
}

static bool held_at_every_exit(const struct function_analysis *fa, unsigned lock)
{
    for (unsigned i = 0; i < fa->exit_count; i++)
        if (!LOCK_ONLY(fa->exits[i].locks[lock].mask, LOCK_HELD))
            return false;
    return true;
}

static bool callers_may_be_unseen(const struct function_analysis *fa)
{
    return clang_getCursorLinkage(fa->function) != CXLinkage_Internal;
}

/* Some exit has released the lock on its caller's behalf: a function that
 * switches the caller's lock state (`pause_threads(PAUSE)` locks,
 * `pause_threads(RESUME)` unlocks). */
static bool releases_for_caller_elsewhere(const struct function_analysis *fa, unsigned lock)
{
    return fa->locks[lock].switches_for_caller;
}

/* The function releases, without having taken it, a lock it reaches through
 * a local pointer lockcheck cannot resolve (`item_trylock_unlock(hold_lock)`
 * with `hold_lock = item_trylock(hv)`): that may be the very lock it seems
 * to keep. */
static bool releases_through_unknown_pointer(const struct function_analysis *fa)
{
    for (unsigned l = 0; l < fa->lock_count; l++) {
        const struct lock_expr *e = &fa->locks[l].expr;
        if (e->root_kind != LOCK_ROOT_LOCAL || lock_expr_in_frame(e))
            continue;
        for (unsigned i = 0; i < fa->exit_count; i++)
            if (fa->exits[i].locks[l].mask & LOCK_RELEASED_ENTRY)
                return true;
    }
    return false;
}

/* "Object locked, or a failure value without the lock" with one failure
 * return that forgot the unlock (`if (!iter->it) { free(iter); return NULL; }`
 * after the lock): every return without the lock is a failure value, some
 * return hands the lock over with a success value, some failure return gives
 * the lock back (the protocol says failures come without the lock) and some
 * failure return holds it. Only those failure returns are the leak; the
 * hand-over is the function's protocol. A function that holds the lock at
 * every return, failures included, is a wrapper that reports errors with
 * the lock held, not this shape. */
static bool convention_broken_by_failure_returns(const struct function_analysis *fa, unsigned lock)
{
    bool failure_held = false, success_held = false, failure_free = false;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        const struct exit_state *x = &fa->exits[i];
        bool held = leaks_here(&x->locks[lock]);
        bool failure = x->has_value && x->failure;
        if (!held && !failure && x->locks[lock].mask)
            return false; /* a success value returned without the lock */
        failure_held |= held && failure;
        success_held |= held && !failure;
        failure_free |= !(x->locks[lock].mask & LOCK_HELD) && failure;
    }
    return failure_held && success_held && failure_free;
}

/* Every return holding the lock has recorded it in a parameter's object
 * (`w->locked = true`, a field the function also clears where it releases):
 * an iterator that keeps its bucket's lock between calls. */
static bool hold_recorded_in_object(const struct function_analysis *fa, unsigned lock)
{
    bool some = false;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        if (!(fa->exits[i].locks[lock].mask & LOCK_HELD))
            continue;
        if (!fa_hold_recorded_at_exit(fa, &fa->exits[i], lock))
            return false;
        some = true;
    }
    return some;
}

enum verdict { LEAK, WRAPPER, ASK_CALLERS };

/* Whether a lock still held at some return is this function's leak, a
 * lock it hands to its caller, or a question for its callers. */
static enum verdict leak_verdict(struct function_analysis *fa, unsigned lock)
{
    const struct lock_info *info = &fa->locks[lock];
    if (annotation_function_acquires(fa, lock))
        return WRAPPER; /* returning with it held is the point (see lock-not-acquired) */
    if (fa->is_thread_entry || lock_expr_in_frame(&info->expr))
        return LEAK;
    if (summary_failure_returned_held(fa, lock))
        return LEAK;
    if (convention_broken_by_failure_returns(fa, lock))
        return LEAK; /* reported at the failure returns only (exit_to_report) */
    long long value;
    if (summary_acquires_on_return(fa, lock, &value) || name_says_it_locks(fa->name))
        return WRAPPER;
    if (releases_for_caller_elsewhere(fa, lock))
        return WRAPPER; /* takes it for the caller on one path, gives it back on another */
    if (hold_recorded_in_object(fa, lock))
        return WRAPPER; /* the object says it is held: its next call or `_end` releases it */
    bool every_exit = held_at_every_exit(fa, lock);
    if (info->released_after_acquire && !every_exit)
        return LEAK;
    if (every_exit && callers_may_be_unseen(fa))
        return WRAPPER; /* the benefit of the doubt (checked again with its callers) */
    if (releases_through_unknown_pointer(fa))
        return WRAPPER; /* that release may be this lock: lockcheck lost track */
    return ASK_CALLERS;
}

static bool held_at_some_exit(const struct function_analysis *fa, unsigned lock)
{
    for (unsigned i = 0; i < fa->exit_count; i++)
        if (leaks_here(&fa->exits[i].locks[lock]))
            return true;
    return false;
}

/* The returns a leak is reported at: those holding the lock, and when some
 * of them return a failure value (NULL, -1...), only those: that is the
 * leak, and the others are the hand-over they look like. */
static bool exit_to_report(const struct function_analysis *fa, unsigned lock, unsigned exit)
{
    if (!leaks_here(&fa->exits[exit].locks[lock]))
        return false;
    if (fa->exits[exit].failure)
        return true;
    for (unsigned i = 0; i < fa->exit_count; i++)
        if (fa->exits[i].failure && leaks_here(&fa->exits[i].locks[lock]))
            return false;
    return true;
}

static char *return_description(const struct function_analysis *fa)
{
    return fa->is_thread_entry ? str_printf("when thread function '%s' returns", fa->name)
                               : str_printf("when '%s' returns", fa->name);
}

/* ---- leaks the callers decide, at the end of the file ---------------------------- */

/* A lock some return holds, whose function is a wrapper if a caller takes
 * the lock over: the findings are reported when the function is analysed
 * (its analysis is gone by the end of the file), like every other, and
 * withdrawn at the end of the file if a caller took the lock over. */
struct pending_leak {
    char *usr;                   /* the function's summary (its kept locks) */
    char *lock_key;
    CXCursor function;
    bool every_exit;             /* held at every return */
    size_t first_finding, end_finding; /* its findings in session->findings */
};

/* The rule's per-file state. */
struct pending_leaks {
    struct pending_leak *items;
    size_t count, capacity;
};

static void *begin_file(struct session *session)
{
    return xcalloc(1, sizeof(struct pending_leaks));
}

static void end_file(void *state)
{
    struct pending_leaks *p = state;
    for (size_t i = 0; i < p->count; i++) {
        free(p->items[i].usr);
        free(p->items[i].lock_key);
    }
    free(p->items);
    free(p);
}

/* The leak's findings, with a note saying why the function is not taken
 * for a wrapper; the end of the file may withdraw them. */
static void keep_pending(struct pending_leaks *p, struct function_analysis *fa, unsigned lock)
{
    ARRAY_RESERVE(p->items, p->capacity, p->count + 1);
    struct pending_leak *leak = &p->items[p->count++];
    const struct lock_info *info = &fa->locks[lock];
    *leak = (struct pending_leak){.usr = cursor_usr(fa->function),
                                  .lock_key = xstrdup(info->key),
                                  .function = fa->function,
                                  .every_exit = held_at_every_exit(fa, lock),
                                  .first_finding = fa->session->findings->count};
    char *how = return_description(fa);
    char *why = leak->every_exit
        ? str_printf("'%s' is not taken for a lock wrapper: its name does not say it locks, "
                     "and no caller in this file releases '%s' after calling it",
                     fa->name, info->display)
        : str_printf("'%s' is not taken for a lock wrapper: its name does not say it locks, it "
                     "does not hold '%s' at every return, and no caller in this file releases "
                     "it after calling it",
                     fa->name, info->display);
    for (unsigned i = 0; i < fa->exit_count; i++) {
        if (!exit_to_report(fa, lock, i))
            continue;
        struct finding *f = report_exit(fa, fa->exits[i].node, lock, &fa->exits[i].locks[lock], how);
        if (f)
            finding_add_note(f, cursor_pos(&fa->session->unit, fa->function), why);
    }
    leak->end_finding = fa->session->findings->count;
    free(why);
    free(how);
}

static void on_function_end(struct function_analysis *fa, void *state)
{
    char *how = return_description(fa);
    for (unsigned lock = 0; lock < fa->lock_count; lock++) {
        if (!held_at_some_exit(fa, lock))
            continue;
        enum verdict v = leak_verdict(fa, lock);
        if (v == ASK_CALLERS)
            keep_pending(state, fa, lock);
        if (v != LEAK)
            continue;
        for (unsigned i = 0; i < fa->exit_count; i++)
            if (exit_to_report(fa, lock, i))
                report_exit(fa, fa->exits[i].node, lock, &fa->exits[i].locks[lock], how);
    }
    free(how);
}

/* Whether a caller analysed in this file took the lock over. */
static bool taken_over(struct session *session, const struct pending_leak *leak)
{
    struct summary *s = summary_table_get(session->summaries, leak->usr, false);
    struct summary_kept *kept = s ? summary_find_kept(s, leak->lock_key) : NULL;
    return kept && kept->taken_over_by_caller;
}

static void check_translation_unit(struct session *session, void *state)
{
    struct pending_leaks *p = state;
    if (p->count == 0)
        return;
    CXCursor *functions = xcalloc(p->count, sizeof *functions);
    bool *only_called = xcalloc(p->count, sizeof *only_called);
    for (size_t i = 0; i < p->count; i++)
        functions[i] = p->items[i].function;
    functions_only_called_directly(session->unit.cx, functions, p->count, only_called);
    bool *withdrawn = xcalloc(session->findings->count + 1, sizeof *withdrawn);
    for (size_t i = 0; i < p->count; i++) {
        struct pending_leak *leak = &p->items[i];
        /* a wrapper, or its address is taken: callers lockcheck cannot see */
        if (taken_over(session, leak) || (leak->every_exit && !only_called[i]))
            for (size_t f = leak->first_finding; f < leak->end_finding; f++)
                withdrawn[f] = true;
    }
    finding_list_drop(session->findings, withdrawn);
    free(withdrawn);
    free(functions);
    free(only_called);
}

const struct rule rule_missing_unlock = {
    .description.id = "missing-unlock",
    .description.short_description = "A lock taken by this function is still held when it returns.",
    .description.full_description =
        "A function that takes a lock and returns (typically on an error path) or ends its "
        "thread while still holding it leaves every other thread that needs the lock "
        "blocked. lockcheck reports the return (or the closing brace, or the pthread_exit "
        "call) where the lock is still held on some path, with a note where it was taken "
        "and the branch that leads there. Process-ending calls (exit, abort, a failed "
        "assert) are not leaks. A failure value (NULL, false, a negative constant, an "
        "errno name) returned with the lock held is always a leak; otherwise a function "
        "is taken for a lock wrapper only with evidence: a hand-over convention, an "
        "annotation, a name that says it locks, or a caller that releases the lock.",
    .begin_file = begin_file,
    .end_file = end_file,
    .on_lock_event = on_lock_event,
    .on_function_end = on_function_end,
    .check_translation_unit = check_translation_unit,
};
