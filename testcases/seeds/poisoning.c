// Poisoning, in the seed texts: a thread that dies while holding the lock
// leaves the data half-updated. A C thread that leaves through pthread_exit
// with the mutex held never releases it at all.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stddef.h>

struct transfer {
    pthread_mutex_t mu;
    long from, to;
};

void *apply(void *arg)
{
    struct transfer *t = arg;
    pthread_mutex_lock(&t->mu);
    t->from -= 10;
    if (t->from < 0)
        pthread_exit(NULL);
    t->to += 10;
    pthread_mutex_unlock(&t->mu);
    return NULL;
}
// CHECK: poisoning.c:19:9: warning: mutex 't->mu' is still held when the thread exits through 'pthread_exit' [missing-unlock]
// CHECK-NEXT: poisoning.c:16:5: note: 't->mu' acquired here
// CHECK-NEXT: poisoning.c:18:9: note: on the path where this condition is true
