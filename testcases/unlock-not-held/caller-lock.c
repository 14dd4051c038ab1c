// A function that releases a lock its caller took (state at entry unknown)
// is not reported; releasing it twice is.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct conn {
    pthread_mutex_t mu;
    int open;
};

void conn_close_locked(struct conn *c)
{
    c->open = 0;
    pthread_mutex_unlock(&c->mu);
}

void conn_close_twice(struct conn *c)
{
    pthread_mutex_unlock(&c->mu);
    pthread_mutex_unlock(&c->mu);
}
// CHECK: caller-lock.c:20:5: warning: mutex 'c->mu' is released but it is not held [unlock-not-held]
// CHECK-NEXT: caller-lock.c:19:5: note: 'c->mu' already released here
