// An unlock inside a loop with the lock taken once before it: the second
// iteration releases a lock that is no longer held.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_spinlock_t ring_lock;
static int ring[4];

void ring_reset(void)
{
    pthread_spin_lock(&ring_lock);
    for (int i = 0; i < 4; i++) {
        ring[i] = 0;
        pthread_spin_unlock(&ring_lock);
    }
}
// CHECK: loop.c:14:9: warning: spinlock 'ring_lock' is released but it is not held [unlock-not-held]
// CHECK-NEXT: loop.c:14:9: note: 'ring_lock' released here on the previous iteration of the loop
// lockcheck does not count iterations: on the path where the loop body never
// runs, the lock is still held at the end.
// CHECK: loop.c:16:1: warning: spinlock 'ring_lock' is still held when 'ring_reset' returns [missing-unlock]
// CHECK-NEXT: loop.c:11:5: note: 'ring_lock' acquired here
// CHECK-NEXT: loop.c:12:21: note: on the path where this condition is false
