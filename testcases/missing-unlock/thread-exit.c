// A thread that leaves through pthread_exit (or thrd_exit) with a lock held
// never releases it: every other thread waiting on it blocks forever. This is
// C's counterpart of a thread dying while holding a Rust mutex (poisoning).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stddef.h>
#include <threads.h>

static pthread_mutex_t jobs_lock = PTHREAD_MUTEX_INITIALIZER;
static mtx_t c11_lock;
static int jobs;

void *worker(void *arg)
{
    pthread_mutex_lock(&jobs_lock);
    if (jobs == 0)
        pthread_exit(NULL);
    jobs--;
    pthread_mutex_unlock(&jobs_lock);
    return arg;
}
// CHECK: thread-exit.c:17:9: warning: mutex 'jobs_lock' is still held when the thread exits through 'pthread_exit' [missing-unlock]
// CHECK-NEXT: thread-exit.c:15:5: note: 'jobs_lock' acquired here
// CHECK-NEXT: thread-exit.c:16:9: note: on the path where this condition is true

int c11_worker(void *arg)
{
    mtx_lock(&c11_lock);
    if (arg)
        thrd_exit(1);
    mtx_unlock(&c11_lock);
    return 0;
}
// CHECK: thread-exit.c:30:9: warning: mutex 'c11_lock' is still held when the thread exits through 'thrd_exit' [missing-unlock]
// CHECK-NEXT: thread-exit.c:28:5: note: 'c11_lock' acquired here
// CHECK-NEXT: thread-exit.c:29:9: note: on the path where this condition is true

// Unlocking before pthread_exit is fine.
void *polite_worker(void *arg)
{
    pthread_mutex_lock(&jobs_lock);
    jobs--;
    pthread_mutex_unlock(&jobs_lock);
    pthread_exit(arg);
}
