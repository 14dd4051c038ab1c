// Every lock API of the built-in table, used correctly (silent), then each
// kind left held on an early return (reported with its kind word).
// RUN: not %lockcheck %s -- -std=gnu11 -D_GNU_SOURCE | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <threads.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t sp;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static mtx_t cm;
static cnd_t ccv;
static int v;

int all_balanced(const struct timespec *t)
{
    pthread_mutex_lock(&mu); pthread_mutex_unlock(&mu);
    if (pthread_mutex_trylock(&mu) == 0) pthread_mutex_unlock(&mu);
    if (pthread_mutex_timedlock(&mu, t) == 0) pthread_mutex_unlock(&mu);
    if (pthread_mutex_clocklock(&mu, CLOCK_MONOTONIC, t) == 0) pthread_mutex_unlock(&mu);
    pthread_rwlock_rdlock(&rw); pthread_rwlock_unlock(&rw);
    pthread_rwlock_wrlock(&rw); pthread_rwlock_unlock(&rw);
    if (pthread_rwlock_tryrdlock(&rw) == 0) pthread_rwlock_unlock(&rw);
    if (pthread_rwlock_trywrlock(&rw) == 0) pthread_rwlock_unlock(&rw);
    if (pthread_rwlock_timedrdlock(&rw, t) == 0) pthread_rwlock_unlock(&rw);
    if (pthread_rwlock_timedwrlock(&rw, t) == 0) pthread_rwlock_unlock(&rw);
    if (pthread_rwlock_clockrdlock(&rw, CLOCK_MONOTONIC, t) == 0) pthread_rwlock_unlock(&rw);
    if (pthread_rwlock_clockwrlock(&rw, CLOCK_MONOTONIC, t) == 0) pthread_rwlock_unlock(&rw);
    pthread_spin_lock(&sp); pthread_spin_unlock(&sp);
    if (pthread_spin_trylock(&sp) == 0) pthread_spin_unlock(&sp);
    mtx_lock(&cm); mtx_unlock(&cm);
    if (mtx_trylock(&cm) == thrd_success) mtx_unlock(&cm);
    if (mtx_timedlock(&cm, t) == thrd_success) mtx_unlock(&cm);
    pthread_mutex_lock(&mu);
    while (!v)
        if (pthread_cond_timedwait(&cv, &mu, t) != 0)
            break;
    pthread_cond_clockwait(&cv, &mu, CLOCK_MONOTONIC, t);
    pthread_mutex_unlock(&mu);
    mtx_lock(&cm);
    cnd_timedwait(&ccv, &cm, t);
    mtx_unlock(&cm);
    return 0;
}

int leaks(int k)
{
    pthread_rwlock_wrlock(&rw);
    if (k == 1)
        return 1;
    pthread_rwlock_unlock(&rw);
    pthread_spin_lock(&sp);
    if (k == 2)
        return 2;
    pthread_spin_unlock(&sp);
    return 0;
}
// CHECK: every-api.c:51:9: warning: rwlock 'rw' is still held when 'leaks' returns [missing-unlock]
// CHECK-NEXT: every-api.c:49:5: note: 'rw' acquired here
// CHECK-NEXT: every-api.c:50:9: note: on the path where this condition is true
// CHECK: every-api.c:55:9: warning: spinlock 'sp' is still held when 'leaks' returns [missing-unlock]
// CHECK-NEXT: every-api.c:53:5: note: 'sp' acquired here
// CHECK-NEXT: every-api.c:54:9: note: on the path where this condition is true
