// A function that starts threads while its caller holds the pool's mutex
// (a resize called under the lock): what it writes after the creation is
// protected by the caller's lock, and the workers read it under the same
// one. Silent. The same write from a caller that does not hold the lock is
// reported.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

struct pool {
    pthread_mutex_t mu;
    pthread_t threads[8];
    size_t limit;
    size_t busy;
};

static void *pool_worker(void *arg)
{
    struct pool *p = arg;
    pthread_mutex_lock(&p->mu);
    if (p->busy < p->limit)
        p->busy++;
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static int grow_locked(struct pool *p, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (pthread_create(&p->threads[i], NULL, pool_worker, p) != 0)
            return -1;
    p->limit = to;
    return 0;
}

int pool_resize(struct pool *p, size_t to)
{
    pthread_mutex_lock(&p->mu);
    int rc = grow_locked(p, p->limit, to);
    pthread_mutex_unlock(&p->mu);
    return rc;
}

static int start_unlocked(struct pool *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (pthread_create(&p->threads[i], NULL, pool_worker, p) != 0)
            return -1;
    p->limit = n;
    return 0;
}

int pool_start(struct pool *p)
{
    return start_unlocked(p, 4);
}
// CHECK: creator_under_callers_lock.c:50:5: warning: 'p->limit' is written here without 'p->mu', which is held at 2 of its 2 other accesses [data-race]
// CHECK-NEXT: creator_under_callers_lock.c:22:19: note: 'p->limit' is read here in another thread, holding 'p->mu'
// CHECK-NEXT: creator_under_callers_lock.c:48:13: note: 'start_unlocked' makes this access while the thread created here runs
// CHECK-NEXT: creator_under_callers_lock.c:48:13: note: the thread created here runs 'pool_worker', which makes the other access
