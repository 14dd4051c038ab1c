// A function that keeps a lock it took, with no hand-over convention, is a
// lock wrapper only with evidence: its name says so (lock, acquire, enter,
// begin, grab, hold, trylock... as a word), an annotation says so, or a caller
// in the file releases the lock after calling it. Where every caller is
// visible (a static function whose address is not taken) and none releases
// the lock, the returns that keep it are reported, with a note saying why. A
// function whose callers cannot all be seen gets the benefit of the doubt
// only when it holds the lock at every return.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long ticks;

// Reported: nobody ever unlocks after calling it.
static void tick(void)
{
    pthread_mutex_lock(&stats_lock);
    ticks++;
}

void on_timer(void)
{
    tick();
}

struct conn {
    pthread_mutex_t mu;
    int refs;
    int ready;
};

// Silent: the caller releases c->mu after calling it.
static void conn_ref(struct conn *c)
{
    pthread_mutex_lock(&c->mu);
    c->refs++;
}

void conn_use(struct conn *c)
{
    conn_ref(c);
    c->ready = 1;
    pthread_mutex_unlock(&c->mu);
}

// Silent: the names say they lock (snake_case, camelCase, UPPER_CASE).
static void grab_conn(struct conn *c) { pthread_mutex_lock(&c->mu); }
static void connEnter(struct conn *c) { pthread_mutex_lock(&c->mu); }
static void CONN_HOLD(struct conn *c) { pthread_mutex_lock(&c->mu); }

// Silent: locks a, tries b, backs off and retries; returns holding both.
static void lock_pair(struct conn *a, struct conn *b)
{
    for (;;) {
        pthread_mutex_lock(&a->mu);
        if (pthread_mutex_trylock(&b->mu) == 0)
            return;
        pthread_mutex_unlock(&a->mu);
    }
}

int conn_pair_refs(struct conn *a, struct conn *b)
{
    lock_pair(a, b);
    int n = a->refs + b->refs;
    pthread_mutex_unlock(&b->mu);
    pthread_mutex_unlock(&a->mu);
    return n;
}

// Silent: its address is taken (a callback), so callers are not all seen.
static void conn_pin(struct conn *c) { pthread_mutex_lock(&c->mu); }
void (*conn_hook)(struct conn *) = conn_pin;

// Silent: external, holds at every return; its callers may be elsewhere.
void conn_claim(struct conn *c)
{
    pthread_mutex_lock(&c->mu);
    c->refs++;
}

// Reported: holds on one path only, and no caller here releases it.
void conn_prepare(struct conn *c)
{
    if (!c->ready)
        return;
    pthread_mutex_lock(&c->mu);
    c->refs++;
}

// Silent: the same shape, but a caller in this file releases the lock.
void conn_open(struct conn *c)
{
    if (c->ready)
        return;
    pthread_mutex_lock(&c->mu);
    c->ready = 1;
}

void conn_start(struct conn *c)
{
    conn_open(c);
    if (c->ready)
        pthread_mutex_unlock(&c->mu);
}

void conn_others(struct conn *c)
{
    grab_conn(c);
    pthread_mutex_unlock(&c->mu);
    connEnter(c);
    pthread_mutex_unlock(&c->mu);
    CONN_HOLD(c);
    pthread_mutex_unlock(&c->mu);
}

// CHECK: wrapper-evidence.c:20:1: warning: mutex 'stats_lock' is still held when 'tick' returns [missing-unlock]
// CHECK-NEXT: wrapper-evidence.c:18:5: note: 'stats_lock' acquired here
// CHECK-NEXT: wrapper-evidence.c:16:13: note: 'tick' is not taken for a lock wrapper: its name does not say it locks, and no caller in this file releases 'stats_lock' after calling it
// CHECK: wrapper-evidence.c:90:1: warning: mutex 'c->mu' is still held when 'conn_prepare' returns [missing-unlock]
// CHECK-NEXT: wrapper-evidence.c:88:5: note: 'c->mu' acquired here
// CHECK-NEXT: wrapper-evidence.c:84:6: note: 'conn_prepare' is not taken for a lock wrapper: its name does not say it locks, it does not hold 'c->mu' at every return, and no caller in this file releases it after calling it
