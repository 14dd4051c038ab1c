// Idiom (found in rsyslog 8.2302, tcpsrv.c and wtp.c): a cancellation-safe
// critical section, `pthread_cleanup_push(unlock_on_cancel, &mu)` ...
// `pthread_cleanup_pop(1)`, whose handler (it unlocks the mutex it is given)
// is defined in another file. pop(1) runs the handler, so the lock is
// released: a handler lockcheck cannot see, pushed with a lock's address,
// is taken to release that lock when pop(1) runs it.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stddef.h>

void mutex_cancel_cleanup(void *mutex); // unlocks it; defined elsewhere

static pthread_mutex_t workers_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t workers_idle = PTHREAD_COND_INITIALIZER;
static int workers_running;

static void wait_for_workers(void)
{
    pthread_mutex_lock(&workers_mu);
    pthread_cleanup_push(mutex_cancel_cleanup, &workers_mu);
    while (workers_running > 0)
        pthread_cond_wait(&workers_idle, &workers_mu);
    pthread_cleanup_pop(1);
}

int process_batch(int n)
{
    while (n > 0) {
        pthread_mutex_lock(&workers_mu);
        workers_running++;
        pthread_mutex_unlock(&workers_mu);
        n--;
    }
    wait_for_workers();
    return 0;
}

void *worker_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&workers_mu);
    pthread_cleanup_push(mutex_cancel_cleanup, &workers_mu);
    workers_running--;
    pthread_cond_broadcast(&workers_idle);
    pthread_cleanup_pop(1);
    pthread_exit(NULL);
}

// The buggy form: pop(0) removes the handler without running it, and
// nothing else releases the lock. Still reported.
void *worker_main_leaky(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&workers_mu);
    pthread_cleanup_push(mutex_cancel_cleanup, &workers_mu);
    workers_running--;
    pthread_cleanup_pop(0);
    // CHECK: cleanup-handler-elsewhere.c:[[@LINE+3]]:5: warning: mutex 'workers_mu' is still held when the thread exits through 'pthread_exit' [missing-unlock]
    // CHECK-NEXT: cleanup-handler-elsewhere.c:[[@LINE-5]]:5: note: 'workers_mu' acquired here
    // CHECK-NEXT: cleanup-handler-elsewhere.c:[[@LINE-5]]:5: note: on the path where this condition is false
    pthread_exit(NULL);
}

// A handler given something that is not a lock: nothing is assumed.
struct job_list;
void free_jobs(void *list);

void *worker_with_jobs(void *arg)
{
    struct job_list *jobs = arg;
    pthread_mutex_lock(&workers_mu);
    pthread_cleanup_push(free_jobs, jobs);
    workers_running--;
    pthread_cleanup_pop(1);
    // CHECK: cleanup-handler-elsewhere.c:[[@LINE+3]]:5: warning: mutex 'workers_mu' is still held when the thread exits through 'pthread_exit' [missing-unlock]
    // CHECK-NEXT: cleanup-handler-elsewhere.c:[[@LINE-5]]:5: note: 'workers_mu' acquired here
    // CHECK-NEXT: cleanup-handler-elsewhere.c:[[@LINE-5]]:5: note: on the path where this condition is false
    pthread_exit(NULL);
}
