// Idiom (found in rsyslog 8.2302, tcpsrv.c and wtp.c): a cancellation-safe
// critical section, `pthread_cleanup_push(unlock_on_cancel, &mu)` ...
// `pthread_cleanup_pop(1)`, whose handler (it unlocks the mutex it is given)
// is defined in another file. pop(1) runs the handler, so the lock is
// released; today's lockcheck cannot see the handler's body and keeps the
// lock held: the function is taken for an acquire wrapper and its caller
// reported, and a thread reaching pthread_exit is reported. XFAIL until a
// clean-up handler lockcheck cannot see, run by pop(1) on a lock's address,
// is taken to release that lock (or inferred by name, issue 10, item 3).
// When this test passes (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
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
    // CHECK: cleanup-handler-elsewhere.c:[[@LINE+1]]:5: warning: mutex 'workers_mu' is still held when the thread exits through 'pthread_exit' [missing-unlock]
    pthread_exit(NULL);
}
