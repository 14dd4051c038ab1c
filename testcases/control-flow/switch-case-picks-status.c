// A switch on a status variable set to constants: each case learns
// `status == value` and the default edge that no case matched, so the case
// picks the side of the lock's state where the status was set to that
// value (and a case `x == c` makes every other `x == d` false). Balanced
// code is silent; a case that releases on the side where the lock was
// already released is reported.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

enum step { STEP_DONE, STEP_KEEP, STEP_DROP };

struct job {
    pthread_mutex_t mu;
    int pending;
};

int finish(struct job *j)
{
    enum step st;
    pthread_mutex_lock(&j->mu);
    if (j->pending > 0)
        st = STEP_KEEP;
    else
        st = STEP_DROP;
    if (st == STEP_DROP)
        pthread_mutex_unlock(&j->mu);
    switch (st) {
    case STEP_KEEP:
        j->pending--;
        pthread_mutex_unlock(&j->mu);
        return 1;
    case STEP_DROP:
        return 0;
    default:
        pthread_mutex_unlock(&j->mu);
        return -1;
    }
}

// Only KEEP has a case: the default is DROP, the one other value st may
// hold (set on every path), where the lock was released already.
int finish_default(struct job *j)
{
    enum step st = STEP_DROP;
    pthread_mutex_lock(&j->mu);
    if (j->pending > 1)
        st = STEP_KEEP;
    if (st != STEP_KEEP) {
        j->pending = 0;
        pthread_mutex_unlock(&j->mu);
    }
    switch (st) {
    case STEP_KEEP:
        pthread_mutex_unlock(&j->mu);
        return 1;
    default:
        return 0;
    }
}

// Buggy: the DROP case releases what `if (st == STEP_DROP)` released.
int finish_twice(struct job *j)
{
    enum step st;
    pthread_mutex_lock(&j->mu);
    st = j->pending > 0 ? STEP_KEEP : STEP_DROP;
    if (st == STEP_DROP)
        // CHECK: switch-case-picks-status.c:[[@LINE+6]]:9: warning: mutex 'j->mu' is released but it is not held [unlock-not-held]
        // CHECK-NEXT: switch-case-picks-status.c:[[@LINE+1]]:9: note: 'j->mu' already released here
        pthread_mutex_unlock(&j->mu);
    switch (st) {
    case STEP_DROP:
        j->pending = 0;
        pthread_mutex_unlock(&j->mu);
        return 0;
    default:
        pthread_mutex_unlock(&j->mu);
        return 1;
    }
}
