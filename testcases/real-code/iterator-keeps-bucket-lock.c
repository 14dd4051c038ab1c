// Idiom (found in memcached 1.6.18, assoc.c): an iterator that returns with
// the current bucket's lock held, records that in the iterator object
// (`it->locked = true`), and releases it on its next call or in its `_end`
// function. The hand-over goes through the object's state, not the return
// value: a field of a parameter's object that the function sets where it
// keeps the lock and clears where it releases it records the hold, so a
// return holding the lock with the record set is a hand-over, and a release
// under a test of the record releases what an earlier call kept.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define BUCKETS 64
static pthread_mutex_t bucket_locks[BUCKETS];
struct entry {
    struct entry *next;
    int value;
};
static struct entry *buckets[BUCKETS];

struct walk {
    int bucket;
    bool locked;
    struct entry *next;
};

// Returns true while there is more to see; *out is NULL between buckets.
// Returns with bucket_locks[w->bucket] held exactly when w->locked is true.
bool walk_next(struct walk *w, struct entry **out)
{
    *out = NULL;
    if (w->locked) {
        if (w->next != NULL) {
            *out = w->next;
            w->next = w->next->next;
        } else {
            pthread_mutex_unlock(&bucket_locks[w->bucket]);
            w->locked = false;
            w->bucket++;
        }
        return true;
    }
    if (w->bucket == BUCKETS)
        return false;
    pthread_mutex_lock(&bucket_locks[w->bucket]);
    w->locked = true;
    if (buckets[w->bucket] != NULL) {
        *out = buckets[w->bucket];
        w->next = (*out)->next;
    } else {
        pthread_mutex_unlock(&bucket_locks[w->bucket]);
        w->locked = false;
        w->bucket++;
    }
    return true;
}

void walk_end(struct walk *w)
{
    if (w->locked)
        pthread_mutex_unlock(&bucket_locks[w->bucket]);
}

// The same shape with the record forgotten: the lock is kept and nothing
// says so, so nobody can release it. Still reported.
bool walk_next_forgets(struct walk *w, struct entry **out)
{
    if (w->bucket == BUCKETS)
        return false;
    pthread_mutex_lock(&bucket_locks[w->bucket]);
    if (buckets[w->bucket] != NULL) {
        *out = buckets[w->bucket];
        // CHECK: iterator-keeps-bucket-lock.c:[[@LINE+3]]:9: warning: mutex 'bucket_locks[w->bucket]' is still held when 'walk_next_forgets' returns [missing-unlock]
        // CHECK-NEXT: iterator-keeps-bucket-lock.c:[[@LINE-4]]:5: note: 'bucket_locks[w->bucket]' acquired here
        // CHECK-NEXT: iterator-keeps-bucket-lock.c:[[@LINE-4]]:9: note: on the path where this condition is true
        return true;
    }
    pthread_mutex_unlock(&bucket_locks[w->bucket]);
    w->bucket++;
    return true;
}
