// A `for`-based scoped-lock macro (lock in the init, unlock in the
// increment, written through macros and inline wrappers): the block is
// balanced, and a return out of the block skips the unlock.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static inline void my_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
static inline void my_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

#define SYNC_NAME2(line) sync_once_##line
#define SYNC_NAME(line) SYNC_NAME2(line)
#define WITH_LOCK(mu) WITH_LOCK_AS(SYNC_NAME(__LINE__), mu)
#define WITH_LOCK_AS(name, mu) \
    for (unsigned name = 0; name == 0; my_unlock(&(mu)), ++name) \
        for (my_lock(&(mu)); name == 0; ++name)

struct job {
    pthread_mutex_t mu;
    int state, error;
};

void job_fail(struct job *j, int error)
{
    WITH_LOCK(j->mu) {
        if (j->error == 0)
            j->error = error;
    }
}

void job_cancel(struct job *j)
{
    WITH_LOCK(j->mu) {
        if (j->state == 3)
            return;
        j->state = 2;
    }
}
// CHECK: for-scoped-lock-macro.c:34:13: warning: mutex 'j->mu' is still held when 'job_cancel' returns [missing-unlock]
// CHECK-NEXT: for-scoped-lock-macro.c:32:5: note: 'j->mu' acquired here
// CHECK-NEXT: for-scoped-lock-macro.c:33:13: note: on the path where this condition is true
