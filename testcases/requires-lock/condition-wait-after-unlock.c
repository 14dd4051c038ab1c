// A condition wait needs its mutex held: waiting after this function released
// it on every path is reported (without any annotation). A wait in a
// function whose caller holds the mutex (state unknown here) is not.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

void wait_ready_wrong(void)
{
    pthread_mutex_lock(&m);
    int r = ready;
    pthread_mutex_unlock(&m);
    while (!r)
        pthread_cond_wait(&cv, &m);
}
// CHECK: condition-wait-after-unlock.c:17:9: warning: 'pthread_cond_wait' requires holding mutex 'm', but it was released [requires-lock]
// CHECK-NEXT: condition-wait-after-unlock.c:15:5: note: 'm' released here

// Called with m held.
void wait_ready_locked(void)
{
    while (!ready)
        pthread_cond_wait(&cv, &m);
}
