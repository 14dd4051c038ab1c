// A callee that takes the lock only when a flag argument says so
// (`if (lock_it) lock(...)`): a caller that passes 0 while holding the lock
// takes nothing (silent); one that passes 1 deadlocks (reported). A caller
// passing a value lockcheck does not know is treated as taking it.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stdbool.h>

struct counter {
    pthread_mutex_t mu;
    long value;
};

static void counter_add(struct counter *c, long n, bool lock_it)
{
    if (lock_it)
        pthread_mutex_lock(&c->mu);
    c->value += n;
    if (lock_it)
        pthread_mutex_unlock(&c->mu);
}

static void counter_reset(struct counter *c, int locked)
{
    if (!locked)
        pthread_mutex_lock(&c->mu);
    c->value = 0;
    if (!locked)
        pthread_mutex_unlock(&c->mu);
}

void counter_double(struct counter *c)
{
    pthread_mutex_lock(&c->mu);
    counter_add(c, c->value, false);
    counter_reset(c, 1);
    pthread_mutex_unlock(&c->mu);
    counter_add(c, 1, true);
    counter_reset(c, 0);
}

void counter_twice(struct counter *c)
{
    pthread_mutex_lock(&c->mu);
    counter_add(c, 2, true);
    pthread_mutex_unlock(&c->mu);
}

void counter_cleared(struct counter *c)
{
    pthread_mutex_lock(&c->mu);
    counter_reset(c, 0);
    pthread_mutex_unlock(&c->mu);
}

// CHECK: flag-argument.c:45:5: warning: 'counter_add' acquires mutex 'c->mu', which is already held here [double-lock]
// CHECK-NEXT: flag-argument.c:44:5: note: 'c->mu' acquired here
// CHECK: flag-argument.c:52:5: warning: 'counter_reset' acquires mutex 'c->mu', which is already held here [double-lock]
// CHECK-NEXT: flag-argument.c:51:5: note: 'c->mu' acquired here
