/*
 * accesses.h: the reads and writes of one function, for the race analysis.
 *
 * Every evaluated lvalue of a function's CFG nodes (a variable, a field, an
 * array element, `*p`) is an access, recorded with the node whose entry
 * state (function_analysis.in[node]) gives the locks this function holds
 * there. The object accessed is a lock_expr in the function's own frame
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

/* The accesses of one analysed function. */
struct function_accesses {
    const struct function_analysis *fa;
    struct race_access *items;
    size_t count, capacity;
    /* It calls a function lockcheck cannot see whose name says it locks
     * (`obj_lock(o)` defined elsewhere): its locksets are unknown. */
    bool calls_unknown_locker;
};

/* Collects the accesses of an analysed function (fa->cfg must be built);
 * `config` adds the project's lock functions, `external` --cross-tu's
 * summaries of the other files' functions (both may be NULL). */
void function_accesses_collect(struct function_analysis *fa, const struct lockcheck_config *config,
                               struct summary_table *external, struct function_accesses *out);
void function_accesses_free(struct function_accesses *accesses);

#endif
