// A function that starts a thread and returns without joining it: its
// caller's code after the call runs while the thread does (the daemon shape:
// start the workers, then serve). A global both touch without a lock in
// common races; the caller's code after a call that joins (stop_worker) runs
// alone.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long served;
static int running = 1;
static pthread_t worker;

static void *serve(void *arg)
{
    (void)arg;
    while (running) {
        pthread_mutex_lock(&stats_mu);
        served++;
        pthread_mutex_unlock(&stats_mu);
    }
    return NULL;
}

static int start_worker(void)
{
    return pthread_create(&worker, NULL, serve, NULL);
}

static void stop_worker(void)
{
    pthread_join(worker, NULL);
}

int main(void)
{
    served = 0;
    if (start_worker() != 0)
        return 1;
    served += 100;
    running = 0;
    stop_worker();
    served = 0;
    running = 1;
    return 0;
}
// CHECK: thread_outlives_creator.c:42:5: warning: 'served' is written here without a lock, while another thread writes it holding 'stats_mu': no lock in common [data-race]
// CHECK-NEXT: thread_outlives_creator.c:21:9: note: 'served' is written here in another thread, holding 'stats_mu'
// CHECK-NEXT: thread_outlives_creator.c:40:9: note: 'main' makes this access after this call: 'start_worker' returns leaving a thread running
// CHECK-NEXT: thread_outlives_creator.c:29:12: note: the thread created here runs 'serve', which makes the other access
// CHECK: thread_outlives_creator.c:43:5: warning: 'running' is written here without a lock, while another thread reads it without a lock: no lock in common [data-race]
// CHECK-NEXT: thread_outlives_creator.c:19:12: note: 'running' is read here in another thread, without a lock
// CHECK-NEXT: thread_outlives_creator.c:40:9: note: 'main' makes this access after this call: 'start_worker' returns leaving a thread running
// CHECK-NEXT: thread_outlives_creator.c:29:12: note: the thread created here runs 'serve', which makes the other access
