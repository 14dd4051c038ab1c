// Idiom (found in memcached 1.6.18 with --cross-tu, slabs.c): a trylock
// followed by a status variable set on every path; where the status is
// BUSY the lock is released at once, and a later `switch (status)` releases
// it in the one case where it is still held. Balanced on every feasible
// path: each case is `status == value`, the false edge of
// `status == MOVE_BUSY` where the status is FROM_LIST or BUSY concludes
// FROM_LIST, and no case matching is a path that cannot happen.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

enum move_status { MOVE_PASS, MOVE_FROM_LIST, MOVE_BUSY, MOVE_LOCKED };

struct item {
    pthread_mutex_t lock;
    int refs;
    int linked;
};

int move_one(struct item *it)
{
    enum move_status status = MOVE_PASS;
    if (pthread_mutex_trylock(&it->lock) != 0) {
        status = MOVE_LOCKED;
    } else {
        it->refs++;
        if (it->refs == 2 && it->linked)
            status = MOVE_FROM_LIST;
        else
            status = MOVE_BUSY;
        if (status == MOVE_BUSY) {
            it->refs--;
            pthread_mutex_unlock(&it->lock);
        }
    }

    switch (status) {
    case MOVE_FROM_LIST:
        it->linked = 0;
        pthread_mutex_unlock(&it->lock);
        break;
    case MOVE_BUSY:
    case MOVE_LOCKED:
        return 1;
    case MOVE_PASS:
        break;
    }
    return 0;
}

// The buggy form: the BUSY case releases a second time. Still reported.
int move_one_twice(struct item *it)
{
    enum move_status status;
    if (pthread_mutex_trylock(&it->lock) != 0)
        return 1;
    status = it->linked ? MOVE_FROM_LIST : MOVE_BUSY;
    if (status == MOVE_BUSY)
        pthread_mutex_unlock(&it->lock);
    switch (status) {
    case MOVE_BUSY:
        // CHECK: status-switch-release.c:[[@LINE+2]]:9: warning: mutex 'it->lock' is released but it is not held [unlock-not-held]
        // CHECK-NEXT: status-switch-release.c:[[@LINE-4]]:9: note: 'it->lock' already released here
        pthread_mutex_unlock(&it->lock);
        return 1;
    default:
        pthread_mutex_unlock(&it->lock);
        return 0;
    }
}
