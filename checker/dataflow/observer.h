/*
 * observer.h: how the engine tells others what it sees, without knowing who
 * they are. The lock dataflow replays each function once its fixpoint is
 * reached and calls every observer of the session (ast/session.h) with each
 * lock event (dataflow/function_analysis.h: the event, and the lock state
 * before it), then with the function's end. Rules are observers (the driver
 * makes them so, rules/rule.h); the engine includes no rule.
 */
#ifndef LOCKCHECK_OBSERVER_H
#define LOCKCHECK_OBSERVER_H

#include <stdbool.h>

struct function_analysis;
struct lock_event;

struct analysis_observer {
    void (*on_lock_event)(struct function_analysis *fa, const struct lock_event *ev, void *state);
    void (*on_function_end)(struct function_analysis *fa, void *state);
    void *state;  /* given back to both (the observer's per-file state) */
    /* on_function_end for every function analysed, not only those reported
     * on whose dataflow ran (then fa->in is NULL when it had no lock to follow). */
    bool every_function;
};

#endif
