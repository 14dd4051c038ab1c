// A function may drop its caller's lock and take it back; taking it once
// more after that is a double lock. Data the lock guards may be touched
// again once it is taken back.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <lockcheck.h>
#include <pthread.h>
#include <unistd.h>

struct worker {
    pthread_mutex_t mu;
    int pending LC_GUARDED_BY(mu);
};

// Called with w->mu held.
void worker_nap(struct worker *w) LC_REQUIRES(w->mu)
{
    pthread_mutex_unlock(&w->mu);
    usleep(1000);
    pthread_mutex_lock(&w->mu);
    w->pending--;
}

// Called with the global lock held, as worker_nap is, but unannotated.
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;

void pool_nap_twice(void)
{
    pthread_mutex_unlock(&pool_lock);
    usleep(1000);
    pthread_mutex_lock(&pool_lock);
    pthread_mutex_lock(&pool_lock);
}
// CHECK: caller-lock-retaken.c:31:5: warning: mutex 'pool_lock' is acquired while already held [double-lock]
// CHECK-NEXT: caller-lock-retaken.c:30:5: note: 'pool_lock' acquired here
