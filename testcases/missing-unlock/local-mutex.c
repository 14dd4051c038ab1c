// A mutex that lives in the function's own frame can never be released by
// anyone else: left locked at return is always reported, even on every path.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

int scratch(void)
{
    pthread_mutex_t local = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&local);
    return 0;
}
// CHECK: local-mutex.c:10:5: warning: mutex 'local' is still held when 'scratch' returns [missing-unlock]
// CHECK-NEXT: local-mutex.c:9:5: note: 'local' acquired here
