/*
 * call_graph.h: the direct calls between the functions of a translation unit,
 * and which functions run in threads.
 *
 * Built once per translation unit on first use (session_call_graph): every
 * function defined outside system headers is a node; one walk over each body
 * records its direct calls (callee resolved by USR, so a call before the
 * definition still links) and its uses of global variables. Calls through
 * function pointers are not followed.
 *
 * Two reachability questions are answered, both by breadth-first search,
 * linear in the size of the graph:
 *  - in_thread: the function can run in a thread, i.e. it is reached from a
 *    thread entry point (ast/threads.h) by direct calls; each such function
 *    remembers the call that first reached it, for notes;
 *  - in_other: the function can run outside those threads, i.e. it is
 *    reached from a function with external linkage (main, an API function)
 *    that no thread entry reaches.
 */
#ifndef LOCKCHECK_CALL_GRAPH_H
#define LOCKCHECK_CALL_GRAPH_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

struct session;
struct finding;

struct cg_call {
    CXCursor call;       /* the CallExpr */
    int callee;          /* index of the callee, -1 when not defined in this TU */
};

struct cg_var_use {
    CXCursor var;        /* the global variable */
    CXCursor use;        /* the DeclRefExpr */
};

struct cg_function {
    char *usr;
    CXCursor definition;
    struct cg_call *calls;
    size_t call_count, call_capacity;
    struct cg_var_use *globals;
    size_t global_count, global_capacity;

    bool in_thread;
    bool in_other;
    int thread_caller;      /* function whose call reached it first; -1 for an entry */
    CXCursor thread_call;   /* that call */
};

struct call_graph {
    struct cg_function *functions;
    size_t count, capacity;
    int *slots;             /* open-addressing index by USR */
    size_t slot_count;
};

/* The translation unit's call graph (built on first use, owned by the TU). */
struct call_graph *session_call_graph(struct session *session);
void call_graph_free(struct call_graph *graph);

/* Index of a function definition, or -1. */
int call_graph_find(const struct call_graph *graph, CXCursor function);

/* Adds notes showing how a thread reaches function `index`: where the thread
 * starts, then each call down to that function. */
void call_graph_note_thread_path(struct session *session, const struct call_graph *graph,
                                 struct finding *f, int index);

#endif
