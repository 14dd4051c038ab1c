// A __attribute__((cleanup)) guard declared in an inner block releases the
// lock at the end of that block, so taking the same mutex after the block is
// no double lock (silent). The guard may be initialised by a lock function
// that returns the mutex it locked, or by a comma expression. A guard
// declared in the function's own block still holds the lock there (reported).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct store {
    pthread_mutex_t mu;
    int items, reads;
};

static void guard_release(pthread_mutex_t **held)
{
    pthread_mutex_unlock(*held);
}

static pthread_mutex_t *guard_acquire(pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    return m;
}

#define GUARDED(mu) \
    pthread_mutex_t *guard_ __attribute__((cleanup(guard_release))) = guard_acquire(mu)
#define GUARDED_COMMA(mu) \
    pthread_mutex_t *guard_ __attribute__((cleanup(guard_release))) = (pthread_mutex_lock(mu), (mu))

void store_add(struct store *s)
{
    {
        GUARDED(&s->mu);
        s->items++;
    }
    pthread_mutex_lock(&s->mu);
    s->reads++;
    pthread_mutex_unlock(&s->mu);
}

void store_add_if(struct store *s, int n)
{
    if (n > 0) {
        GUARDED_COMMA(&s->mu);
        s->items += n;
    }
    pthread_mutex_lock(&s->mu);
    s->reads++;
    pthread_mutex_unlock(&s->mu);
}

void store_add_twice(struct store *s)
{
    GUARDED(&s->mu);
    s->items++;
    pthread_mutex_lock(&s->mu);
    s->reads++;
    pthread_mutex_unlock(&s->mu);
}

// CHECK: cleanup-guard-inner-block.c:56:5: warning: mutex 's->mu' is acquired while already held [double-lock]
// CHECK-NEXT: cleanup-guard-inner-block.c:54:5: note: 's->mu' acquired here
