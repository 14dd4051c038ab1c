// A lookup that hands back the object it found with the object's own lock
// held, or NULL (`if (e) lock(&e->lock); ...; return e;`), is a hand-over:
// the lock lives in the returned object and the caller unlocks it through
// the pointer it got. The same function shape that returns the object locked
// on one path and unlocked on another (an early return that forgot the
// unlock) is still a leak.
// RUN: not %lockcheck --quiet %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stddef.h>

struct entry {
    pthread_mutex_t lock;
    int hits;
};

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
struct entry *table_find(int key);

// Locked object or NULL: the table lock is released, the entry's is kept.
static struct entry *entry_get(int key)
{
    struct entry *e = NULL;
    pthread_mutex_lock(&table_mu);
    e = table_find(key);
    if (e) {
        pthread_mutex_lock(&e->lock);
    }
    pthread_mutex_unlock(&table_mu);
    return e;
}

int entry_hit(int key)
{
    struct entry *e = entry_get(key);
    if (!e)
        return -1;
    int n = ++e->hits;
    pthread_mutex_unlock(&e->lock);
    return n;
}

// The same hand-over with the test before the lock.
struct entry *entry_find_locked(int key)
{
    struct entry *e = table_find(key);
    if (e == NULL)
        return NULL;
    pthread_mutex_lock(&e->lock);
    return e;
}

// Buggy: returned locked when the count is negative, unlocked otherwise.
struct entry *entry_touch(int key)
{
    struct entry *e = table_find(key);
    if (e == NULL)
        return NULL;
    pthread_mutex_lock(&e->lock);
    if (e->hits < 0)
        // CHECK: locked-object-returned.c:[[@LINE+1]]:9: warning: mutex 'e->lock' is still held when 'entry_touch' returns [missing-unlock]
        return e;
    // CHECK-NEXT: locked-object-returned.c:[[@LINE-4]]:5: note: 'e->lock' acquired here
    // CHECK-NEXT: locked-object-returned.c:[[@LINE-4]]:9: note: on the path where this condition is true
    e->hits++;
    pthread_mutex_unlock(&e->lock);
    return e;
}
