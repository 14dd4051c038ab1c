/*
 * thread_paths.h: the paths of a function's CFG along which a thread it
 * created may still be running.
 *
 * From a pthread_create / thrd_create call, a path stops being "while the
 * thread runs" at a join of the same handle (pthread_join(t) for
 * pthread_create(&t, ...); for an array of handles, at the head of a loop
 * that joins its elements), and it never starts along the edge where the
 * creation failed (`if (pthread_create(...) != 0) return -1;`). The rules
 * dangling-thread-arg and thread-unsafe-handle search these paths with
 * cfg_search_forward, passing thread_paths_joined / thread_paths_failed.
 */
#ifndef LOCKCHECK_THREAD_PATHS_H
#define LOCKCHECK_THREAD_PATHS_H

#include <stdbool.h>

#include "ast/threads.h"
#include "cfg/cfg_search.h"

struct session;

struct thread_paths {
    const struct cfg *cfg;
    const struct thread_spawn *spawn;
    unsigned spawn_node;
    char *handle_key;         /* object_key of the handle; NULL when unnamed */
    bool single_handle;       /* the handle is not an array element */
    CXCursor result_var;      /* keeps the creation's result, or null */
    bool *joined;             /* per node: the thread is joined there */
};

/* False when the creation is not a node of the graph. */
bool thread_paths_init(struct thread_paths *p, const struct cfg *cfg,
                       const struct thread_spawn *spawn);
void thread_paths_free(struct thread_paths *p);

/* cfg_search callbacks; `ctx` points to a struct thread_paths. */
bool thread_paths_joined(void *ctx, unsigned node);
bool thread_paths_failed(void *ctx, unsigned edge);

/* Calls `check` for every thread creation in a function the TU reports on,
 * with the CFG of that function (built once per function). */
void for_each_spawn_with_cfg(struct session *session,
                             void (*check)(struct session *session, const struct thread_spawn *spawn,
                                           const struct cfg *cfg));

#endif
