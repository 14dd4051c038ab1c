// A loop body that takes a lock and does not release it takes it again on the
// next iteration: reported at the acquisition, with a note saying so.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static int pool[8];

void pool_fill(int value)
{
    for (int i = 0; i < 8; i++) {
        pthread_mutex_lock(&pool_lock);
        pool[i] = value;
    }
    pthread_mutex_unlock(&pool_lock);
}
// CHECK: loop.c:12:9: warning: mutex 'pool_lock' is acquired while already held [double-lock]
// CHECK-NEXT: loop.c:12:9: note: 'pool_lock' acquired here on the previous iteration of the loop

// Lock and unlock inside the loop: silent.
void pool_fill_fixed(int value)
{
    for (int i = 0; i < 8; i++) {
        pthread_mutex_lock(&pool_lock);
        pool[i] = value;
        pthread_mutex_unlock(&pool_lock);
    }
}

// A while loop whose body can skip the unlock through `continue`.
void pool_drain(void)
{
    int i = 0;
    while (i < 8) {
        pthread_mutex_lock(&pool_lock);
        if (pool[i] == 0) {
            i++;
            continue;
        }
        pool[i++] = 0;
        pthread_mutex_unlock(&pool_lock);
    }
}
// CHECK: loop.c:35:9: warning: mutex 'pool_lock' is acquired while already held [double-lock]
// CHECK-NEXT: loop.c:35:9: note: 'pool_lock' acquired here on the previous iteration of the loop
// The path that leaves the loop right after a `continue` also keeps the lock.
// CHECK: loop.c:43:1: warning: mutex 'pool_lock' is still held when 'pool_drain' returns [missing-unlock]
// CHECK-NEXT: loop.c:35:9: note: 'pool_lock' acquired here
// CHECK-NEXT: loop.c:34:12: note: on the path where this condition is false
