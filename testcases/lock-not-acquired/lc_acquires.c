// A function annotated as acquiring a lock must return holding it; a
// try-acquire function must hold it whenever it returns the success value.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

struct pool {
    pthread_mutex_t mu;
    int closed LC_GUARDED_BY(mu);
};

/* Correct wrappers: silent. */
void pool_lock(struct pool *p) LC_ACQUIRES(p->mu)
{
    pthread_mutex_lock(&p->mu);
}

int pool_trylock(struct pool *p) LC_TRY_ACQUIRES(0, p->mu)
{
    return pthread_mutex_trylock(&p->mu);
}

/* Gives up when the pool is closed, but callers believe it holds the lock. */
void pool_lock_open(struct pool *p) LC_ACQUIRES(p->mu)
{
    pthread_mutex_lock(&p->mu);
    if (p->closed) {
        pthread_mutex_unlock(&p->mu);
        // CHECK: lc_acquires.c:[[@LINE+2]]:9: warning: 'pool_lock_open' can return without holding 'p->mu', but it is annotated as acquiring it [lock-not-acquired]
        // CHECK-NEXT: lc_acquires.c:[[@LINE-2]]:9: note: 'p->mu' released here
        return;
    }
}

/* Returns 0 (success) on the closed path after releasing. */
int pool_trylock_open(struct pool *p) LC_TRY_ACQUIRES(0, p->mu)
{
    if (pthread_mutex_trylock(&p->mu) != 0)
        return 1;
    if (p->closed) {
        pthread_mutex_unlock(&p->mu);
        // CHECK: lc_acquires.c:[[@LINE+2]]:9: warning: 'pool_trylock_open' returns 0 without holding 'p->mu', but it is annotated as acquiring it when it returns 0 [lock-not-acquired]
        // CHECK-NEXT: lc_acquires.c:[[@LINE-2]]:9: note: 'p->mu' released here
        return 0;
    }
    return 0;
}
