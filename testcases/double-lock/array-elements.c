// Array elements are the same lock when the index expression is the same:
// locks[i] twice is a double lock, locks[0] then locks[1] is not.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t stripes[16];

void stripe_pair(void)
{
    pthread_mutex_lock(&stripes[0]);
    pthread_mutex_lock(&stripes[1]);
    pthread_mutex_unlock(&stripes[1]);
    pthread_mutex_unlock(&stripes[0]);
}

void stripe_twice(int i)
{
    pthread_mutex_lock(&stripes[i]);
    pthread_mutex_lock(&stripes[i]);
    pthread_mutex_unlock(&stripes[i]);
}
// CHECK: array-elements.c:19:5: warning: mutex 'stripes[i]' is acquired while already held [double-lock]
// CHECK-NEXT: array-elements.c:18:5: note: 'stripes[i]' acquired here
