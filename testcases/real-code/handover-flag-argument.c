// Idiom (found in knot 3.2.6, events.c): a helper takes a flag saying
// whether its caller already holds the locks; `helper(ev, false)` takes them
// itself, `helper(ev, true)` takes them over, and either way the helper
// releases both before it returns. Callers that hold the locks call it with
// `true`. Today's lockcheck summarises the helper as "acquires both locks,
// then releases them" whatever the flag, so each such call is reported as a
// double lock, a lock-order inversion and a leak. XFAIL until a summary
// depends on a constant flag argument (issue 10, item 2). When this test
// passes (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
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
    // CHECK: handover-flag-argument.c:[[@LINE+1]]:5: warning: 'rearm' acquires mutex 'q->resched', which is already held here [double-lock]
    rearm(q, false);
}
