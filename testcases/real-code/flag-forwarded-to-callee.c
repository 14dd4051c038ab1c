// Idiom (found in rsyslog 8.2302 runtime/msg.c, getAPPNAMELen): an accessor
// takes a `lock_it` flag and only forwards it to the helper that locks
// `if (lock_it == LOCK_MUTEX)`. Called with ALREADY_LOCKED while the caller
// holds the lock, it takes nothing; lockcheck follows a flag argument into
// the callee that tests it, but not through a second function that passes
// it on, and reports a double lock at the call.
// XFAIL until a summary that depends on a parameter carries that dependence
// through calls that forward it. When this test passes (XPASS), remove the
// XFAIL line.
// XFAIL: *
// RUN: %lockcheck --quiet %s -- -std=gnu11 | count 0
#include <pthread.h>

#define ALREADY_LOCKED 0
#define LOCK_MUTEX 1

struct msg {
    pthread_mutex_t mu;
    int app_len;
};
void derive_app(struct msg *m);

static void prepare_app(struct msg *m, int lock_it)
{
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_lock(&m->mu);
    if (m->app_len == 0)
        derive_app(m);
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_unlock(&m->mu);
}

static int app_len(struct msg *m, int lock_it)
{
    prepare_app(m, lock_it);
    return m->app_len;
}

int tag_len(struct msg *m)
{
    pthread_mutex_lock(&m->mu);
    int n = app_len(m, ALREADY_LOCKED);
    pthread_mutex_unlock(&m->mu);
    return n;
}
