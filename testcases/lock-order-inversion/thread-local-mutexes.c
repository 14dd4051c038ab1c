// Two thread-local mutexes (__thread, _Thread_local) taken in opposite
// orders cannot deadlock: each thread has its own pair, and no other thread
// ever waits for them. The same orders on ordinary globals are reported.
// RUN: not %lockcheck --quiet %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

static __thread pthread_mutex_t tls_a;
static _Thread_local pthread_mutex_t tls_b;
static __thread struct {
    pthread_mutex_t mu;
} tls_pair;

void tls_ab(void)
{
    pthread_mutex_lock(&tls_a);
    pthread_mutex_lock(&tls_b);
    pthread_mutex_lock(&tls_pair.mu);
    pthread_mutex_unlock(&tls_pair.mu);
    pthread_mutex_unlock(&tls_b);
    pthread_mutex_unlock(&tls_a);
}

void tls_ba(void)
{
    pthread_mutex_lock(&tls_pair.mu);
    pthread_mutex_lock(&tls_b);
    pthread_mutex_lock(&tls_a);
    pthread_mutex_unlock(&tls_a);
    pthread_mutex_unlock(&tls_b);
    pthread_mutex_unlock(&tls_pair.mu);
}

static pthread_mutex_t shared_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t shared_b = PTHREAD_MUTEX_INITIALIZER;

void shared_ab(void)
{
    pthread_mutex_lock(&shared_a);
    pthread_mutex_lock(&shared_b);
    pthread_mutex_unlock(&shared_b);
    pthread_mutex_unlock(&shared_a);
}

void shared_ba(void)
{
    pthread_mutex_lock(&shared_b);
    // CHECK: thread-local-mutexes.c:[[@LINE+1]]:5: warning: mutex 'shared_a' is acquired while holding mutex 'shared_b', but 'shared_ab' acquires them in the opposite order: the two can deadlock [lock-order-inversion]
    pthread_mutex_lock(&shared_a);
    pthread_mutex_unlock(&shared_a);
    pthread_mutex_unlock(&shared_b);
}
