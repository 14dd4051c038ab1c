// Idiom (found in rsyslog 8.2302, msg.c and queue.c): a function takes a
// `lock_it` argument and locks only `if (lock_it == LOCK_MUTEX)`, where
// LOCK_MUTEX is 1, then unlocks under the same comparison. Balanced on every
// path; today's lockcheck correlates `if (flag)` and `if (flag != 0)` but
// not a comparison with another constant, and reports the return on the
// path where the second comparison is false. XFAIL until conditions are
// compared structurally (issue 10, item 2). When this test passes (XPASS),
// remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <stddef.h>

#define ALREADY_LOCKED 0
#define LOCK_MUTEX 1
typedef signed char small_bool;

struct record {
    pthread_mutex_t mu;
    const char *name;
    int name_len;
};

void derive_name(struct record *r);

void prepare_name(struct record *r, small_bool lock_it)
{
    if (r->name == NULL) {
        if (lock_it == LOCK_MUTEX)
            pthread_mutex_lock(&r->mu);
        // Look again: another thread may have set it meanwhile.
        if (r->name == NULL)
            derive_name(r);
        if (lock_it == LOCK_MUTEX)
            pthread_mutex_unlock(&r->mu);
    }
}

int name_length(struct record *r, const int lock_it)
{
    int len;
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_lock(&r->mu);
    if (r->name_len > 0) {
        len = r->name_len;
        if (lock_it == LOCK_MUTEX)
            pthread_mutex_unlock(&r->mu);
        return len;
    }
    derive_name(r);
    len = r->name_len;
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_unlock(&r->mu);
    return len;
}

// The buggy form: the early return forgets the unlock. Still reported.
int name_length_leaky(struct record *r, const int lock_it)
{
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_lock(&r->mu);
    if (r->name_len > 0)
        // CHECK: lock-flag-compared-to-constant.c:[[@LINE+1]]:9: warning: mutex 'r->mu' is still held when 'name_length_leaky' returns [missing-unlock]
        return r->name_len;
    derive_name(r);
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_unlock(&r->mu);
    return r->name_len;
}
