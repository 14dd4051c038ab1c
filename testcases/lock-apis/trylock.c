// A try-lock holds the lock only on its success branch.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <errno.h>
#include <pthread.h>
#include <threads.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t sp;
static mtx_t cm;
static int value;

int try_equal_zero(void)
{
    if (pthread_mutex_trylock(&m) == 0) {
        value++;
        pthread_mutex_unlock(&m);
        return 1;
    }
    return 0;
}

int try_busy(void)
{
    if (pthread_mutex_trylock(&m) == EBUSY)
        return 0;
    value++;
    pthread_mutex_unlock(&m);
    return 1;
}

int try_spin_until(void)
{
    while (pthread_spin_trylock(&sp) != 0)
        ;
    value++;
    pthread_spin_unlock(&sp);
    return 0;
}

int try_rwlock(void)
{
    if (pthread_rwlock_tryrdlock(&rw) != 0)
        return -1;
    int v = value;
    pthread_rwlock_unlock(&rw);
    return v;
}

int timed(const struct timespec *deadline)
{
    if (pthread_mutex_timedlock(&m, deadline))
        return -1;
    value++;
    pthread_mutex_unlock(&m);
    return 0;
}

int c11_try(void)
{
    if (mtx_trylock(&cm) == thrd_busy)
        return -1;
    value++;
    mtx_unlock(&cm);
    return 0;
}

// Success branch that forgets to unlock.
int try_leak(int v)
{
    if (pthread_mutex_trylock(&m) == 0) {
        if (v < 0)
            return -1;
        value = v;
        pthread_mutex_unlock(&m);
    }
    return 0;
}
// CHECK: trylock.c:74:13: warning: mutex 'm' is still held when 'try_leak' returns [missing-unlock]
// CHECK-NEXT: trylock.c:72:9: note: 'm' acquired here
// CHECK-NEXT: trylock.c:73:13: note: on the path where this condition is true
