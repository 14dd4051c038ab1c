// Taking a held lock again in straight-line code, directly and through a
// helper that takes it: both reported, with a note at the first acquisition.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct cache {
    pthread_mutex_t mu;
    int entries;
};

static int cache_size(struct cache *c)
{
    pthread_mutex_lock(&c->mu);
    int n = c->entries;
    pthread_mutex_unlock(&c->mu);
    return n;
}

void cache_clear(struct cache *c)
{
    pthread_mutex_lock(&c->mu);
    c->entries = 0;
    pthread_mutex_lock(&c->mu);
    pthread_mutex_unlock(&c->mu);
}
// CHECK: straight-line.c:23:5: warning: mutex 'c->mu' is acquired while already held [double-lock]
// CHECK-NEXT: straight-line.c:21:5: note: 'c->mu' acquired here

// Two different caches' locks are different locks: silent.
void cache_move(struct cache *from, struct cache *to)
{
    pthread_mutex_lock(&from->mu);
    pthread_mutex_lock(&to->mu);
    to->entries += from->entries;
    from->entries = 0;
    pthread_mutex_unlock(&to->mu);
    pthread_mutex_unlock(&from->mu);
}
