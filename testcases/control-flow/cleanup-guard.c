// C's counterpart of a guard object that unlocks when dropped:
// a variable with __attribute__((cleanup(f))), where f unlocks what the
// variable points to, releases the lock on every exit from its scope.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int value;

static void unlock_cleanup(pthread_mutex_t **held)
{
    pthread_mutex_unlock(*held);
}

#define SCOPED_LOCK(mu) \
    pthread_mutex_t *scoped_ __attribute__((cleanup(unlock_cleanup))) = (mu); \
    pthread_mutex_lock(scoped_)

int guarded_return(int x)
{
    pthread_mutex_t *guard __attribute__((cleanup(unlock_cleanup))) = &m;
    pthread_mutex_lock(guard);
    if (x < 0)
        return -1;
    value = x;
    return 0;
}

int guarded_loop(int n)
{
    int total = 0;
    for (int i = 0; i < n; i++) {
        SCOPED_LOCK(&m);
        if (value == 0)
            break;
        if (value < 0)
            continue;
        total += value;
    }
    return total;
}

int guarded_goto(int x)
{
    {
        SCOPED_LOCK(&m);
        if (x)
            goto done;
        value++;
    }
done:
    pthread_mutex_lock(&m);
    value--;
    pthread_mutex_unlock(&m);
    return 0;
}

// The guard is released at the end of its block, and the lock is taken again
// after it: that second lock leaks.
int guard_then_leak(int x)
{
    {
        SCOPED_LOCK(&m);
        value = x;
    }
    pthread_mutex_lock(&m);
    if (x)
        return 1;
    pthread_mutex_unlock(&m);
    return 0;
}
// CHECK: cleanup-guard.c:68:9: warning: mutex 'm' is still held when 'guard_then_leak' returns [missing-unlock]
// CHECK-NEXT: cleanup-guard.c:66:5: note: 'm' acquired here
// CHECK-NEXT: cleanup-guard.c:67:9: note: on the path where this condition is true
