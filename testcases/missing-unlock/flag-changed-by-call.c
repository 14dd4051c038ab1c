// What a path knows about a global (or anything reached through a pointer)
// does not survive a call that may change it: the early return after
// poll_stop() is reachable, and it leaks the lock.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int stop, done;
void poll_stop(void);

int worker_step(void)
{
    stop = 0;
    pthread_mutex_lock(&m);
    poll_stop();
    if (stop)
        return -1;
    done++;
    pthread_mutex_unlock(&m);
    return 0;
}
// CHECK: flag-changed-by-call.c:17:9: warning: mutex 'm' is still held when 'worker_step' returns [missing-unlock]
// CHECK-NEXT: flag-changed-by-call.c:14:5: note: 'm' acquired here
// CHECK-NEXT: flag-changed-by-call.c:16:9: note: on the path where this condition is true
