// An iterator handed out with the cache lock held (its destroy function
// unlocks), or NULL without the lock when it cannot be made: a protocol, not
// a leak. When one failure return forgets the unlock (NULL returned with the
// lock held), that return is the leak, and only it is reported: the
// success return is still the hand-over.
// RUN: not %lockcheck --quiet %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
struct iter {
    void *pos;
};
void *tree_first(void);

// Correct: NULL without the lock, the iterator with it.
struct iter *iter_begin(void)
{
    struct iter *it = calloc(1, sizeof *it);
    if (it == NULL)
        return NULL;
    pthread_mutex_lock(&cache_lock);
    it->pos = tree_first();
    return it;
}

// Buggy: the second failure return keeps the lock.
struct iter *iter_begin_nonempty(void)
{
    struct iter *it = calloc(1, sizeof *it);
    if (it == NULL)
        return NULL;
    pthread_mutex_lock(&cache_lock);
    it->pos = tree_first();
    if (it->pos == NULL) {
        free(it);
        // CHECK: hand-over-with-failure-leak.c:[[@LINE+1]]:9: warning: mutex 'cache_lock' is still held when 'iter_begin_nonempty' returns [missing-unlock]
        return NULL;
    }
    // CHECK-NEXT: hand-over-with-failure-leak.c:[[@LINE-7]]:5: note: 'cache_lock' acquired here
    // CHECK-NEXT: hand-over-with-failure-leak.c:[[@LINE-6]]:9: note: on the path where this condition is true
    return it;
}

// Not this shape: the lock is held at every return, the error included (the
// caller unlocks whatever it gets back): no failure return gives the lock
// back, so nothing says failures come without it.
int iter_reset(struct iter *it)
{
    pthread_mutex_lock(&cache_lock);
    it->pos = tree_first();
    if (it->pos == NULL)
        return -1;
    return 0;
}

void iter_end(struct iter *it)
{
    free(it);
    pthread_mutex_unlock(&cache_lock);
}
