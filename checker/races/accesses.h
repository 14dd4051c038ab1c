/*
 * accesses.h: the reads and writes of one function, for the race analysis.
 *
 * Every evaluated lvalue of a function's CFG nodes (a variable, a field, an
 * array element, `*p`) is an access, recorded with the node whose entry
 * state (function_analysis.in[node], kept as a race_lockset) gives the locks
 * this function holds there. The object accessed is a lock_expr in the function's own frame
 * (parameters as "$i", local pointers initialised from an address or a
 * parameter resolved as the engine resolves them), so that a caller can
 * substitute its arguments exactly as it does for lock parameters.
 *
 * Not accesses: taking an address (`&x`, `&s->mu`), the operands of sizeof,
 * the arguments of lock and thread calls, arrays used as pointers. Left to
 * guarded-access: data annotated LC_GUARDED_BY / LC_PT_GUARDED_BY. Never
 * racy, so never recorded: _Atomic, volatile and const data, thread-local
 * variables (lock_expr.root_thread_local marks those reached from them).
 */
#ifndef LOCKCHECK_RACES_ACCESSES_H
#define LOCKCHECK_RACES_ACCESSES_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "ast/lock_expr.h"

struct function_analysis;
struct lockcheck_config;
struct summary_table;

struct race_access {
    unsigned node;          /* CFG node: its entry state is the access's lockset */
    CXCursor at;            /* the lvalue expression */
    CXCursor decl;          /* the variable or field named last (null for `*p`, `a[i]`) */
    struct lock_expr data;  /* the object, in the function's frame */
    bool write;
};

/* What the function's lock state says of one of its locks at a node. */
enum race_lock_hold {
    RACE_LOCK_ENTRY,            /* untouched: whatever the callers hold */
    RACE_LOCK_HELD_EXCLUSIVE,   /* held on every path */
    RACE_LOCK_HELD_SHARED,
    RACE_LOCK_RELEASED,         /* released (or maybe) before this point */
};

/* The lock state at the entry of a node, as data (the analysis is freed
 * once its function's summary is out). */
struct race_lockset {
    unsigned node;
    bool known;             /* reached, and no lock held on some paths only or lost track of */
    unsigned char *holds;   /* enum race_lock_hold per lock of the function */
};

/* A call, with its arguments in the function's frame (root_id NULL: unknown). */
struct race_call {
    unsigned node;
    CXCursor call;
    CXCursor definition;    /* the callee's definition in this unit, or null */
    struct lock_expr *args;
    size_t arg_count;
};

/* A condition, for the threads that wait on atomics. */
struct race_branch {
    unsigned node;
    CXCursor cursor;
};

/* A thread created in this function: where it may run (races/threads_at_once.h). */
struct race_spawn_window {
    CXCursor call;           /* the creation */
    unsigned spawn_node;
    bool *window;            /* per node: the thread may run there */
    bool repeats;            /* the creation runs again before the join (a loop) */
    bool outlives;           /* the thread may still run when the function returns */
    bool arg_known;
    struct lock_expr arg;    /* the argument handed over (when arg_known) */
    bool same_argument;      /* repeats, and every thread gets the same object */
};

/* After a call of a function that creates threads, until a call that may
 * join one: where that function's threads may run if they outlive it. */
struct race_call_window {
    unsigned call_node;
    bool *window;
};

/* What the race analysis keeps of one analysed function: its accesses,
 * calls and locks, the lock states at those nodes, and the windows of the
 * threads it creates. Plain data, collected while the analysis is alive
 * (data-race's on_function_end). */
struct function_accesses {
    CXCursor function;
    unsigned node_count;
    struct race_access *items;
    size_t count, capacity;
    /* It calls a function lockcheck cannot see whose name says it locks
     * (`obj_lock(o)` defined elsewhere): its locksets are unknown. */
    bool calls_unknown_locker;
    struct lock_expr *locks;        /* the function's locks (function_analysis.locks) */
    unsigned lock_count;
    struct race_lockset *locksets;  /* at access and call nodes, by node */
    size_t lockset_count;
    struct race_call *calls;        /* in node order */
    size_t call_count;
    struct race_branch *branches;
    size_t branch_count;
    struct race_spawn_window *spawns;
    size_t spawn_count;
    struct race_call_window *call_windows;
    size_t call_window_count;
};

/* Collects the accesses, calls and locksets of an analysed function, while
 * its analysis is alive (the windows are threads_at_once.h's); `config`
 * adds the project's lock functions, `external` --cross-tu's summaries of
 * the other files' functions (both may be NULL). */
void function_accesses_collect(struct function_analysis *fa, const struct lockcheck_config *config,
                               struct summary_table *external, struct function_accesses *out);
void function_accesses_free(struct function_accesses *accesses);

/* The definition in this unit of the function a call names, or a null cursor. */
CXCursor race_callee_definition(CXCursor call);

/* The lock state at a node the record keeps, or NULL. */
const struct race_lockset *function_accesses_lockset(const struct function_accesses *fn, unsigned node);
/* The call at a CallExpr, or NULL. */
const struct race_call *function_accesses_call(const struct function_accesses *fn, CXCursor call);

#endif
