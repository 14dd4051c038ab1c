// Threads started from one entry in a loop run at once with each other: a
// global they all bump without the lock races between two of them. Each
// thread's own slot (results[id], id from its argument) does not.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

#define WORKERS 4

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long processed;
static long results[WORKERS];

static void *worker(void *arg)
{
    long id = (long)arg;
    results[id] = id * 2;
    processed++;
    pthread_mutex_lock(&mu);
    processed += results[id];
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t threads[WORKERS];
    for (long i = 0; i < WORKERS; i++)
        pthread_create(&threads[i], NULL, worker, (void *)i);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(threads[i], NULL);
    return (int)processed;
}
// CHECK: two_threads_one_entry.c:19:5: warning: 'processed' is written here without a lock, while another thread writes it holding 'mu': no lock in common [data-race]
// CHECK-NEXT: two_threads_one_entry.c:21:5: note: 'processed' is written here in another thread, holding 'mu'
// CHECK-NEXT: two_threads_one_entry.c:30:9: note: the thread created here runs 'worker', which makes this access
// CHECK-NEXT: two_threads_one_entry.c:30:9: note: the thread created here runs 'worker', which makes the other access
// CHECK-NEXT: two_threads_one_entry.c:30:9: note: this creation runs in a loop: threads running 'worker' run at once
