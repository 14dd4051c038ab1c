// A lock this function takes on some path is not its caller's: releasing it
// on a path where this function did not take it is reported. Releases under
// a condition lockcheck cannot relate to the acquisition, and paths that
// met at a loop head, stay silent; a lock taken only by the caller, released and
// taken back, is not this function's. After a double lock, the second of
// the matching unlocks is the same root cause and is not reported again.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <unistd.h>

struct log {
    pthread_mutex_t mu;
    int fd, lines, closing;
};

int need_lock(struct log *l);

// Reported: when `shared` is 0 the unlock releases a lock nobody took here.
void log_line(struct log *l, int shared)
{
    if (shared)
        pthread_mutex_lock(&l->mu);
    l->lines++;
    pthread_mutex_unlock(&l->mu);
}

// Reported: the early exit unlocks before the function ever locked.
void log_close(struct log *l)
{
    if (l->closing) {
        pthread_mutex_unlock(&l->mu);
        return;
    }
    pthread_mutex_lock(&l->mu);
    l->closing = 1;
    pthread_mutex_unlock(&l->mu);
}

// Silent: the same condition pairs lock and unlock.
void log_line_fixed(struct log *l, int shared)
{
    if (shared)
        pthread_mutex_lock(&l->mu);
    l->lines++;
    if (shared)
        pthread_mutex_unlock(&l->mu);
}

// Reported: when every try fails, the unlock releases a lock not taken.
void log_retry(struct log *l)
{
    for (int tries = 0; tries < 3; tries++) {
        if (pthread_mutex_trylock(&l->mu) == 0)
            break;
        usleep(1000);
    }
    l->lines++;
    pthread_mutex_unlock(&l->mu);
}

// The unlock is under a condition lockcheck cannot relate to the lock:
// silent. (The lock kept when fd <= 2 is a leak, reported.)
void log_maybe(struct log *l, int shared)
{
    if (shared)
        pthread_mutex_lock(&l->mu);
    l->lines++;
    if (l->fd > 2 && shared)
        pthread_mutex_unlock(&l->mu);
}

// Silent: the caller's lock, dropped around a write and taken back.
void log_write_slow(struct log *l)
{
    pthread_mutex_unlock(&l->mu);
    write(l->fd, "\n", 1);
    pthread_mutex_lock(&l->mu);
}

// One finding, the double lock: the second unlock is its twin.
void log_twice(struct log *l)
{
    pthread_mutex_lock(&l->mu);
    pthread_mutex_lock(&l->mu);
    l->lines++;
    pthread_mutex_unlock(&l->mu);
    pthread_mutex_unlock(&l->mu);
}

// A third unlock is a second mistake, reported.
void log_thrice(struct log *l)
{
    pthread_mutex_lock(&l->mu);
    pthread_mutex_lock(&l->mu);
    pthread_mutex_unlock(&l->mu);
    pthread_mutex_unlock(&l->mu);
    pthread_mutex_unlock(&l->mu);
}

// CHECK: not-taken-on-this-path.c:24:5: warning: mutex 'l->mu' is released on a path where 'log_line' did not acquire it [unlock-not-held]
// CHECK-NEXT: not-taken-on-this-path.c:22:9: note: 'l->mu' acquired here on other paths
// CHECK: not-taken-on-this-path.c:31:9: warning: mutex 'l->mu' is released on a path where 'log_close' did not acquire it [unlock-not-held]
// CHECK-NEXT: not-taken-on-this-path.c:34:5: note: 'l->mu' acquired here on other paths
// CHECK: not-taken-on-this-path.c:58:5: warning: mutex 'l->mu' is released on a path where 'log_retry' did not acquire it [unlock-not-held]
// CHECK-NEXT: not-taken-on-this-path.c:53:13: note: 'l->mu' acquired here on other paths
// CHECK: not-taken-on-this-path.c:70:1: warning: mutex 'l->mu' is still held when 'log_maybe' returns [missing-unlock]
// CHECK-NEXT: not-taken-on-this-path.c:66:9: note: 'l->mu' acquired here
// CHECK-NEXT: not-taken-on-this-path.c:68:9: note: on the path where this condition is false
// CHECK: not-taken-on-this-path.c:84:5: warning: mutex 'l->mu' is acquired while already held [double-lock]
// CHECK-NEXT: not-taken-on-this-path.c:83:5: note: 'l->mu' acquired here
// CHECK: not-taken-on-this-path.c:94:5: warning: mutex 'l->mu' is acquired while already held [double-lock]
// CHECK-NEXT: not-taken-on-this-path.c:93:5: note: 'l->mu' acquired here
// CHECK: not-taken-on-this-path.c:97:5: warning: mutex 'l->mu' is released but it is not held [unlock-not-held]
// CHECK-NEXT: not-taken-on-this-path.c:96:5: note: 'l->mu' already released here
