/*
 * recursive_mutex.h: which mutexes may be taken again by the thread that
 * holds them, so that taking them twice is not a double lock.
 */
#ifndef LOCKCHECK_RECURSIVE_MUTEX_H
#define LOCKCHECK_RECURSIVE_MUTEX_H

#include <stdbool.h>

struct session;
struct lock_expr;

/* True when the translation unit makes this lock's class recursive: a global
 * initialised with PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP, or a mutex (a
 * global, or a struct field of that type in any object) initialised by
 * pthread_mutex_init with an attribute set to PTHREAD_MUTEX_RECURSIVE. */
bool lock_is_recursive(struct session *session, const struct lock_expr *lock);

void recursive_mutexes_free(struct session *session);

#endif
