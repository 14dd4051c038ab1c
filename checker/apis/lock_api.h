/*
 * lock_api.h: what a call does to locks.
 *
 * A call's effect on locks is a list of `struct lock_effect`: acquire,
 * try-acquire (held only when the result equals the success value), release,
 * or wait (a condition wait: the lock must be held and still is afterwards).
 * The effects come from three places, asked in this order by call_effects():
 *  1. the table of lock APIs lockcheck knows without configuration
 *     (pthread mutex / rwlock / spinlock, C11 mtx, condition waits), after
 *     the configuration's `lock-functions:` (lock_api_find_in, config.h);
 *  2. annotations on the callee (LC_ACQUIRES, ...; see annotations);
 *  3. the callee's summary, when its body is in the translation unit (or,
 *     with --cross-tu, in another file given: driver/cross_tu.c).
 * To teach lockcheck a new lock API, add a line to the table in lock_api.c.
 */
#ifndef LOCKCHECK_LOCK_API_H
#define LOCKCHECK_LOCK_API_H

#include <stdbool.h>

enum lock_op {
    LOCK_OP_ACQUIRE,      /* blocks until held; a checked result can still say it failed */
    LOCK_OP_TRY_ACQUIRE,  /* held only when the result is the success value */
    LOCK_OP_RELEASE,
    LOCK_OP_WAIT,         /* condition wait: held before and after */
    LOCK_OP_TAKES,        /* a callee takes and gives back the lock inside (summaries
                             only): no change for the caller, but the lock must not be
                             held already, and it is taken after what the caller holds */
};

enum lock_mode {
    LOCK_MODE_EXCLUSIVE,
    LOCK_MODE_SHARED,
    LOCK_MODE_ANY,        /* a release that releases either */
};

struct lock_api {
    const char *function;
    enum lock_op op;
    enum lock_mode mode;
    int lock_arg;             /* which argument points to the lock */
    long long success_value;  /* the result that means "done" */
    const char *kind;         /* "mutex", "rwlock", "spinlock": for messages */
};

/* The built-in table entry for a function name, or NULL. */
const struct lock_api *lock_api_find(const char *function);

/* Functions that end the calling thread (their lock state is checked like a
 * return) and functions that end the process (nothing is leaked). */
bool is_thread_exit_function(const char *function);
bool is_process_exit_function(const char *function);

#endif
