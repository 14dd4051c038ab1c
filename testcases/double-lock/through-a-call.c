// Calling, while holding a lock, a function that takes the same lock inside
// deadlocks just as a second pthread_mutex_lock would.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct cache {
    pthread_mutex_t mu;
    int size, hits;
};

static int cache_size(struct cache *c)
{
    pthread_mutex_lock(&c->mu);
    int n = c->size;
    pthread_mutex_unlock(&c->mu);
    return n;
}

int cache_grow(struct cache *c)
{
    pthread_mutex_lock(&c->mu);
    int n = cache_size(c);
    c->size = n * 2;
    pthread_mutex_unlock(&c->mu);
    return n;
}
// CHECK: through-a-call.c:22:13: warning: 'cache_size' acquires mutex 'c->mu', which is already held here [double-lock]
// CHECK-NEXT: through-a-call.c:21:5: note: 'c->mu' acquired here

// Calling it without the lock is fine.
int cache_report(struct cache *c)
{
    int n = cache_size(c);
    pthread_mutex_lock(&c->mu);
    c->hits++;
    pthread_mutex_unlock(&c->mu);
    return n;
}
