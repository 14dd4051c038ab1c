// LC_EXCLUDES and clang's locks_excluded: the callee takes the lock itself,
// so calling it with the lock held deadlocks.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

#define EXCLUDES(...) __attribute__((locks_excluded(__VA_ARGS__)))

struct logger {
    pthread_mutex_t mu;
    int lines LC_GUARDED_BY(mu);
};

void log_flush(struct logger *l) LC_EXCLUDES(l->mu)
{
    pthread_mutex_lock(&l->mu);
    l->lines = 0;
    pthread_mutex_unlock(&l->mu);
}

void log_rotate(struct logger *l) EXCLUDES(l->mu);

void writer(struct logger *l, struct logger *other, int urgent)
{
    log_flush(l);
    if (urgent)
        pthread_mutex_lock(&l->mu);
    log_flush(other);
    // CHECK: lc_excludes.c:[[@LINE+2]]:5: warning: calling 'log_flush' while holding 'l->mu', which it excludes [excluded-lock-held]
    // CHECK-NEXT: lc_excludes.c:[[@LINE-3]]:9: note: 'l->mu' acquired here
    log_flush(l);
    // CHECK: lc_excludes.c:[[@LINE+2]]:5: warning: calling 'log_rotate' while holding 'l->mu', which it excludes [excluded-lock-held]
    // CHECK-NEXT: lc_excludes.c:[[@LINE-6]]:9: note: 'l->mu' acquired here
    log_rotate(l);
    if (urgent)
        pthread_mutex_unlock(&l->mu);
}
