// Two threads write one global, each under its own mutex: no lock in
// common. The finding names both sides' locks, and the threads.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

static long total;
static pthread_mutex_t in_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static void *producer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&in_lock);
    total += 10;
    pthread_mutex_unlock(&in_lock);
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&out_lock);
    total -= 10;
    pthread_mutex_unlock(&out_lock);
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    total = 0; // before the first creation: no thread runs yet
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return (int)total; // after both joins
}
// CHECK: different_locks.c:16:5: warning: 'total' is written here holding 'in_lock', while another thread writes it holding 'out_lock': no lock in common [data-race]
// CHECK-NEXT: different_locks.c:25:5: note: 'total' is written here in another thread, holding 'out_lock'
// CHECK-NEXT: different_locks.c:34:5: note: the thread created here runs 'producer', which makes this access
// CHECK-NEXT: different_locks.c:35:5: note: the thread created here runs 'consumer', which makes the other access
