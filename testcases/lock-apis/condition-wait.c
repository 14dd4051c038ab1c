// pthread_cond_wait needs the mutex held and gives it back held: the usual
// wait loop is correct, and does not count as a release or an acquisition.
// RUN: %lockcheck %s -- -std=gnu11 | count 0
#include <pthread.h>
#include <threads.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
static mtx_t cm;
static cnd_t ccv;
static int ready;

void wait_ready(void)
{
    pthread_mutex_lock(&m);
    while (!ready)
        pthread_cond_wait(&ready_cv, &m);
    ready = 0;
    pthread_mutex_unlock(&m);
}

int wait_ready_until(const struct timespec *deadline)
{
    int rc = 0;
    pthread_mutex_lock(&m);
    while (!ready && rc == 0)
        rc = pthread_cond_timedwait(&ready_cv, &m, deadline);
    pthread_mutex_unlock(&m);
    return rc;
}

void c11_wait(void)
{
    mtx_lock(&cm);
    while (!ready)
        cnd_wait(&ccv, &cm);
    mtx_unlock(&cm);
}
