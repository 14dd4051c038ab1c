// Idiom (found in rsyslog 8.2302, msg.c and queue.c): a function takes a
// `lock_it` argument and locks only `if (lock_it == LOCK_MUTEX)`, where
// LOCK_MUTEX is 1, then unlocks under the same comparison. Balanced on every
// path. A comparison with a constant is a tracked condition of its own,
// keyed by its structure (`!=` the negation of `==`, `>` of `<=`), so the
// two tests pair up; a constant assigned to the flag decides them.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
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
        // CHECK: lock-flag-compared-to-constant.c:[[@LINE+3]]:9: warning: mutex 'r->mu' is still held when 'name_length_leaky' returns [missing-unlock]
        // CHECK-NEXT: lock-flag-compared-to-constant.c:[[@LINE-3]]:9: note: 'r->mu' acquired here
        // CHECK-NEXT: lock-flag-compared-to-constant.c:[[@LINE-3]]:9: note: on the path where this condition is true
        return r->name_len;
    derive_name(r);
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_unlock(&r->mu);
    return r->name_len;
}

// The negated comparison on the way out, and an ordering: the same pairs.
void touch_negated(struct record *r, int lock_it)
{
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_lock(&r->mu);
    r->name_len++;
    if (lock_it != LOCK_MUTEX)
        return;
    pthread_mutex_unlock(&r->mu);
}

void touch_level(struct record *r, int level)
{
    if (level > 2)
        pthread_mutex_lock(&r->mu);
    r->name_len++;
    if (level <= 2)
        return;
    pthread_mutex_unlock(&r->mu);
}

// A constant assigned to the flag decides the later comparisons.
void touch_local(struct record *r)
{
    int mode = LOCK_MUTEX;
    if (mode == LOCK_MUTEX)
        pthread_mutex_lock(&r->mu);
    r->name_len++;
    if (mode == LOCK_MUTEX)
        pthread_mutex_unlock(&r->mu);
}

// Buggy: the release tests another constant, so the lock taken when the
// flag is 1 is never released. Reported on the path that skips the unlock.
static void touch_mismatched(struct record *r, int lock_it)
{
    if (lock_it == LOCK_MUTEX)
        // CHECK: lock-flag-compared-to-constant.c:[[@LINE+8]]:1: warning: mutex 'r->mu' is still held when 'touch_mismatched' returns [missing-unlock]
        // CHECK-NEXT: lock-flag-compared-to-constant.c:[[@LINE+1]]:9: note: 'r->mu' acquired here
        pthread_mutex_lock(&r->mu);
    // CHECK-NEXT: lock-flag-compared-to-constant.c:[[@LINE+3]]:9: note: on the path where this condition is false
    // (lock_it == 2 makes lock_it == LOCK_MUTEX false: that unlock never releases this lock.)
    // CHECK-NEXT: lock-flag-compared-to-constant.c:[[@LINE-8]]:13: note: 'touch_mismatched' is not taken for a lock wrapper
    if (lock_it == 2)
        pthread_mutex_unlock(&r->mu);
}

// Buggy: the flag is changed in between; the comparison no longer says
// whether the lock was taken. Reported where the lock may be held.
static void touch_reassigned(struct record *r, int lock_it)
{
    if (lock_it == LOCK_MUTEX)
        // CHECK: lock-flag-compared-to-constant.c:[[@LINE+8]]:1: warning: mutex 'r->mu' is still held when 'touch_reassigned' returns [missing-unlock]
        // CHECK-NEXT: lock-flag-compared-to-constant.c:[[@LINE+1]]:9: note: 'r->mu' acquired here
        pthread_mutex_lock(&r->mu);
    lock_it = 0;
    // CHECK-NEXT: lock-flag-compared-to-constant.c:[[@LINE+2]]:9: note: on the path where this condition is false
    // CHECK-NEXT: lock-flag-compared-to-constant.c:[[@LINE-8]]:13: note: 'touch_reassigned' is not taken for a lock wrapper
    if (lock_it == LOCK_MUTEX)
        pthread_mutex_unlock(&r->mu);
}

void touch_all(struct record *r)
{
    touch_mismatched(r, 1);
    touch_reassigned(r, 1);
}
