/*
 * threads.h: where a translation unit starts threads.
 *
 * One walk over the main file's functions (and global initialisers) finds
 * every call to pthread_create / thrd_create. The start routine is resolved
 * when it names a function directly (`worker`, `&worker`) or through a
 * function-pointer variable assigned a function in the same translation unit
 * (`fn = worker; pthread_create(&t, 0, fn, 0)`). Each resolved function is a
 * thread entry point (session_add_thread_entry); each call is kept as a
 * `thread_spawn` for the thread-crossing rules.
 */
#ifndef LOCKCHECK_THREADS_H
#define LOCKCHECK_THREADS_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

struct session;

struct thread_spawn {
    CXCursor call;        /* the pthread_create / thrd_create CallExpr */
    CXCursor function;    /* the function definition that contains it */
    CXCursor handle;      /* the argument that points to the thread handle (&t) */
    CXCursor arg;         /* the argument handed to the new thread */
    CXCursor *entries;    /* the start routine(s) it may run */
    size_t entry_count;
};

struct thread_spawn_list {
    struct thread_spawn *items;
    size_t count, capacity;
};

/* Finds the thread creations of the main file: fills session->spawns and records
 * the thread entry points. */
void collect_thread_entries(struct session *session);
void thread_spawn_list_free(struct thread_spawn_list *list);

/* Thread API calls by name. */
bool is_thread_create_call(CXCursor call);   /* pthread_create, thrd_create */
bool is_thread_join_call(CXCursor call);     /* pthread_join, thrd_join */
bool is_thread_detach_call(CXCursor call);   /* pthread_detach, thrd_detach */

/* True for a variable with thread storage duration (`__thread`,
 * `_Thread_local`, `thread_local`): each thread has its own, so no rule
 * treats it as shared. (A value from pthread_getspecific / tss_get is the
 * calling thread's own as well; it is a call, never a shared global.) */
bool variable_is_thread_local(CXCursor var);

/* The first spawn that may run `entry` (for "started here" notes), or NULL. */
const struct thread_spawn *thread_spawn_of_entry(const struct thread_spawn_list *list,
                                                 CXCursor entry);

#endif
