// A thread's start routine that returns with a lock held ends the thread
// holding it: reported even though the lock is a global that a wrapper could
// hand to a caller (a thread entry has no caller to hand it to).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *increment(void *arg)
{
    pthread_mutex_lock(&counter_lock);
    counter++;
    return arg;
}
// CHECK: thread-entry-return.c:15:5: warning: mutex 'counter_lock' is still held when thread function 'increment' returns [missing-unlock]
// CHECK-NEXT: thread-entry-return.c:13:5: note: 'counter_lock' acquired here

int start(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, increment, NULL) != 0)
        return -1;
    return pthread_join(t, NULL);
}
