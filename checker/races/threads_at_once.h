/*
 * threads_at_once.h: which code runs at once, and what it touches with
 * which locks held, seen from the threads of one translation unit.
 *
 * A thread creation (ast/threads.h's spawns) gives two roots:
 *  - the thread: its start routine and everything it calls, with the
 *    routine's parameter bound to the argument handed over;
 *  - the creator: the creating function's code after the creation and
 *    before the join (cfg/thread_paths.h) or a call to a function of the
 *    file that may join a thread (`pool_stop(p)`), and everything it calls
 *    there.
 *  - the callers of a creating function whose thread may outlive it: each
 *    one's code after the call, until a call that may join a thread.
 * Code before the first creation or after the join is in no root: it does
 * not run at once with the thread. Keys of different frames (a creator and
 * its caller) compare only when rooted at globals.
 *
 * From each root the calls are followed (direct calls to functions defined
 * in the translation unit, a few levels deep, within a budget), and every
 * access (races/accesses.h) is translated into the creator's frame: the
 * callee's parameters replaced by the caller's arguments, and the locks held
 * at the access joined with the locks its callers hold at the calls
 * (`munge(&m1)` and `munge(&m2)` hold different locks). An object named by
 * a local of the thread or of a callee (a malloc'd object not yet
 * published, a stack object) is that thread's own and is dropped, as is any
 * access whose lockset the engine lost track of (held on some paths only, a
 * lock it cannot name, a callee it cannot see that may lock).
 */
#ifndef LOCKCHECK_RACES_THREADS_AT_ONCE_H
#define LOCKCHECK_RACES_THREADS_AT_ONCE_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "ast/threads.h"
#include "races/accesses.h"

struct call_graph;
struct function_analysis;
struct session;

/* What the analysis keeps of the functions of one file, recorded while
 * each one's analysis is alive (race_functions_record, from data-race's
 * on_function_end): only those a thread's root may reach, and only in a
 * file that creates threads. */
struct race_functions {
    struct function_accesses **items;      /* each on its own: walks keep pointers */
    size_t count, capacity;
    const struct call_graph *graph;        /* the session's (ast/call_graph.h), on first use */
    bool *joiners;                         /* per function of the graph: it may join a thread */
    bool *needed;                          /* per function of the graph: a root may reach it */
};

/* Records what the race analysis needs of a function the engine analysed
 * (fa is alive: its CFG and states). */
void race_functions_record(struct race_functions *table, struct function_analysis *fa);
void race_functions_free(struct race_functions *table);

/* What the analysis reads of the translation unit. */
struct race_inputs {
    struct session *session;           /* the unit, spawns, configuration, summaries */
    struct race_functions *functions;  /* filled as functions are analysed */
};

enum race_root_kind {
    RACE_ROOT_THREAD,   /* a created thread */
    RACE_ROOT_CREATOR,  /* its creator while it runs */
    RACE_ROOT_CALLER,   /* a caller of a creator that returns leaving it running,
                           after that call */
};

struct race_root {
    enum race_root_kind kind;
    const struct thread_spawn *spawn;
    CXCursor function;       /* THREAD: the start routine; CREATOR: the creating
                                function; CALLER: the function calling it */
    CXCursor frame;          /* the function whose names its keys use */
    CXCursor call;           /* CALLER: its call of the creating function */
    bool repeats;            /* THREAD: the creation runs again before the join (a loop) */
    bool same_argument;      /* ... and hands every thread the same object */
    bool outlives;           /* THREAD: may still run when its creator returns */
    char *argument_root;     /* THREAD: root id of the argument (in the creator's frame), or NULL */
    const bool *window;      /* CREATOR, CALLER: per node of its CFG: the thread may run there
                                (the function's record owns it) */
    unsigned creator_root;   /* THREAD: the index of its creator's root */
    unsigned spawn_node;
};

struct held_lock {
    char *key;               /* in the creator's frame */
    char *display;           /* as the code that holds it names it */
    bool exclusive;
};

/* One access as one root sees it. */
struct seen_access {
    unsigned root;
    const struct race_access *access;
    const struct function_accesses *function;
    char *key;               /* the object, in the creator's frame */
    char *shape;             /* the key with every index as "[]": accesses that may meet */
    bool frame_bound;        /* the key names the creator's locals or parameters */
    bool via_argument;       /* reached through the thread's argument */
    bool own_index;          /* an index is a value of the thread's own */
    struct held_lock *held;
    size_t held_count;
    CXCursor first_call;     /* the call in the root's function that leads here, or null */
};

struct race_view {
    struct race_root *roots;
    size_t root_count, root_capacity;
    struct seen_access *seen;
    size_t seen_count, seen_capacity;
    const struct call_graph *graph;        /* the unit's (ast/call_graph.h) */
    const bool *joiners;                   /* per function of the graph: it may join a thread */
};

/* Builds the roots and everything they see (nothing when no thread is created). */
void race_view_build(const struct race_inputs *in, struct race_view *out);
void race_view_free(struct race_view *view);

/* True when the two accesses run in different threads at once. */
bool race_roots_at_once(const struct race_view *view, const struct seen_access *a,
                        const struct seen_access *b);

/* True when a key (of data or of a lock) is rooted at a global or static
 * variable, which every function names the same way. */
bool race_key_is_global(const char *key);

/* The lock among those held at the access, or NULL. */
const struct held_lock *seen_access_holds(const struct seen_access *a, const char *lock);

#endif
