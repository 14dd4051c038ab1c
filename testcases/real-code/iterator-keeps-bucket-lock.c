// Idiom (found in memcached 1.6.18, assoc.c): an iterator that returns with
// the current bucket's lock held, records that in the iterator object
// (`it->locked = true`), and releases it on its next call or in its `_end`
// function. The hand-over goes through the object's state, not the return
// value: correct code, but today's lockcheck reports the return that keeps
// the lock. XFAIL until a lock recorded as held in a field of a parameter,
// and released by a function that tests that field, counts as a hand-over.
// When this test starts to pass (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
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
        // CHECK: iterator-keeps-bucket-lock.c:[[@LINE+1]]:9: warning: mutex 'bucket_locks[w->bucket]' is still held when 'walk_next_forgets' returns [missing-unlock]
        return true;
    }
    pthread_mutex_unlock(&bucket_locks[w->bucket]);
    w->bucket++;
    return true;
}
