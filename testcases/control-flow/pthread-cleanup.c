// pthread_cleanup_push / pthread_cleanup_pop(1) release the mutex through the
// clean-up handler (glibc calls it through a local function pointer), so the
// usual cancellation-safe wait is balanced, and calling it twice is no double
// lock. pthread_cleanup_pop(0) does not run the handler.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready, value;

static void unlock_mutex(void *arg)
{
    pthread_mutex_unlock(arg);
}

void wait_cancellable(void)
{
    pthread_mutex_lock(&m);
    pthread_cleanup_push(unlock_mutex, &m);
    while (!ready)
        pthread_cond_wait(&cv, &m);
    pthread_cleanup_pop(1);
}

void wait_twice(void)
{
    wait_cancellable();
    wait_cancellable();
}

int update(int v)
{
    pthread_mutex_lock(&m);
    pthread_cleanup_push(unlock_mutex, &m);
    if (v < 0)
        pthread_mutex_unlock(&m);
    else
        value = v;
    pthread_cleanup_pop(0);
    return 0;
}
// CHECK: pthread-cleanup.c:41:5: warning: mutex 'm' is still held when 'update' returns [missing-unlock]
// CHECK-NEXT: pthread-cleanup.c:34:5: note: 'm' acquired here
// CHECK-NEXT: pthread-cleanup.c:36:9: note: on the path where this condition is false
