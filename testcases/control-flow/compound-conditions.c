// `if (a && b) lock(); ... if (a && b) unlock();` and the same with `||`,
// `!` and comparisons inside: a condition without side effects is followed
// whole, like a single flag (silent). Releasing under a different compound
// condition, or after an operand changed, is a leak (reported).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stdbool.h>

struct session {
    pthread_mutex_t mu;
    bool shared, closing;
    int users, hits;
};

void session_touch(struct session *s)
{
    if (s->shared && !s->closing)
        pthread_mutex_lock(&s->mu);
    s->users++;
    if (s->shared && !s->closing)
        pthread_mutex_unlock(&s->mu);
}

void session_drop(struct session *s, bool force)
{
    if (force || s->users > 1)
        pthread_mutex_lock(&s->mu);
    s->hits++;
    if (force || s->users > 1)
        pthread_mutex_unlock(&s->mu);
}

// Reported: the condition's operand changes in between.
void session_drop_changed(struct session *s, bool force)
{
    if (force || s->users > 1)
        pthread_mutex_lock(&s->mu);
    s->users--;
    if (force || s->users > 1)
        pthread_mutex_unlock(&s->mu);
}

void session_mismatch(struct session *s)
{
    if (s->shared && !s->closing)
        pthread_mutex_lock(&s->mu);
    s->users++;
    if (s->shared || s->closing)
        pthread_mutex_unlock(&s->mu);
}

// CHECK: compound-conditions.c:41:1: warning: mutex 's->mu' is still held when 'session_drop_changed' returns [missing-unlock]
// CHECK-NEXT: compound-conditions.c:37:9: note: 's->mu' acquired here
// CHECK-NEXT: compound-conditions.c:39:18: note: on the path where this condition is false
// CHECK: compound-conditions.c:50:1: warning: mutex 's->mu' is still held when 'session_mismatch' returns [missing-unlock]
// CHECK-NEXT: compound-conditions.c:46:9: note: 's->mu' acquired here
// CHECK-NEXT: compound-conditions.c:48:22: note: on the path where this condition is false
