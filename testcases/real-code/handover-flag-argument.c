// Idiom (found in knot 3.2.6, events.c): a helper takes a flag saying
// whether its caller already holds the locks; `helper(ev, false)` takes them
// itself, `helper(ev, true)` takes them over, and either way the helper
// releases both before it returns. Callers that hold the locks call it with
// `true`. The helper's summary says it releases both locks for a caller
// passing a constant that makes it skip the locking (and takes and gives
// them back for one that does not), so neither is a double lock or a leak.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

struct queue {
    pthread_mutex_t resched;
    pthread_mutex_t mu;
    int pending;
    bool frozen;
};

void timer_arm(struct queue *q, int when);

// When `handover` is true the caller holds q->resched and q->mu; they are
// released here in every case.
static void rearm(struct queue *q, bool handover)
{
    if (!handover) {
        pthread_mutex_lock(&q->resched);
        pthread_mutex_lock(&q->mu);
    }
    if (q->frozen || q->pending == 0) {
        pthread_mutex_unlock(&q->mu);
        pthread_mutex_unlock(&q->resched);
        return;
    }
    int when = q->pending;
    pthread_mutex_unlock(&q->mu);
    timer_arm(q, when);
    pthread_mutex_unlock(&q->resched);
}

void queue_thaw(struct queue *q)
{
    pthread_mutex_lock(&q->resched);
    pthread_mutex_lock(&q->mu);
    q->frozen = false;
    rearm(q, true);
}

void queue_poke(struct queue *q)
{
    rearm(q, false);
}

void queue_add(struct queue *q, int n)
{
    pthread_mutex_lock(&q->resched);
    pthread_mutex_lock(&q->mu);
    int before = q->pending;
    q->pending += n;
    if (before == 0) {
        rearm(q, true);
    } else {
        pthread_mutex_unlock(&q->mu);
        pthread_mutex_unlock(&q->resched);
    }
}

// The buggy form: the caller holds a lock and asks the helper to take it
// again. Still reported.
void queue_thaw_wrong(struct queue *q)
{
    pthread_mutex_lock(&q->resched);
    q->frozen = false;
    // CHECK: handover-flag-argument.c:[[@LINE+2]]:5: warning: 'rearm' acquires mutex 'q->resched', which is already held here [double-lock]
    // CHECK-NEXT: handover-flag-argument.c:[[@LINE-3]]:5: note: 'q->resched' acquired here
    rearm(q, false);
}

// The flag compared with a constant: HANDOVER hands the lock over.
#define TAKE_IT 1
#define HANDOVER 2
// (knot checks its argument first: the lock depends on the latest test of a
// parameter, not on `assert(q)`.)
static void flush(struct queue *q, int mode)
{
    assert(q);
    if (mode != HANDOVER)
        pthread_mutex_lock(&q->mu);
    if (q->pending == 0) {
        pthread_mutex_unlock(&q->mu);
        return;
    }
    q->pending = 0;
    pthread_mutex_unlock(&q->mu);
}

void queue_clear(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->frozen = true;
    flush(q, HANDOVER);
    flush(q, TAKE_IT);
}

// Buggy: the lock was handed over and released by flush; releasing it
// again is a release of a lock this function no longer holds.
void queue_clear_twice(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    flush(q, HANDOVER);
    // CHECK: handover-flag-argument.c:[[@LINE+2]]:5: warning: mutex 'q->mu' is released but it is not held [unlock-not-held]
    // CHECK-NEXT: handover-flag-argument.c:[[@LINE-2]]:5: note: 'q->mu' already released here
    pthread_mutex_unlock(&q->mu);
}

// Buggy: the lock is handed over only after an early return that leaks it.
static int drain(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    if (q->frozen)
        // CHECK: handover-flag-argument.c:[[@LINE+3]]:9: warning: mutex 'q->mu' is still held when 'drain' returns [missing-unlock]
        // CHECK-NEXT: handover-flag-argument.c:[[@LINE-3]]:5: note: 'q->mu' acquired here
        // CHECK-NEXT: handover-flag-argument.c:[[@LINE-3]]:9: note: on the path where this condition is true
        return -1;
    flush(q, HANDOVER);
    return 0;
}

int drain_all(struct queue *q)
{
    return drain(q);
}
