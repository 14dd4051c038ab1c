// clang's spellings through macros, as clang's documentation (mutex.h)
// writes them: nested THREAD_ANNOTATION_ATTRIBUTE__ wrappers, a macro whose
// parameter is the lock, and an object-like macro naming a global lock.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>

#define THREAD_ANNOTATION_ATTRIBUTE__(x) __attribute__((x))
#define GUARDED_BY(x) THREAD_ANNOTATION_ATTRIBUTE__(guarded_by(x))
#define PT_GUARDED_BY(x) \
    THREAD_ANNOTATION_ATTRIBUTE__(pt_guarded_by(x))
#define MY_GUARD(lock) __attribute__((guarded_by(lock)))
#define UNDER_LOG_LOCK __attribute__((guarded_by(log_mu)))

pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
int log_lines UNDER_LOG_LOCK;

struct cache {
    pthread_mutex_t mu;
    pthread_mutex_t stats_mu;
    int entries GUARDED_BY(mu);
    long misses MY_GUARD(stats_mu);
    char *buffer PT_GUARDED_BY(mu);
};

void cache_add(struct cache *c)
{
    pthread_mutex_lock(&c->mu);
    c->entries++;
    c->buffer[0] = 'x';
    // CHECK: clang_guarded_by_macros.c:[[@LINE+1]]:5: warning: writing 'c->misses' requires holding 'c->stats_mu' exclusively [guarded-access]
    c->misses++;
    pthread_mutex_unlock(&c->mu);
    // CHECK: clang_guarded_by_macros.c:[[@LINE+2]]:5: warning: writing the value pointed to by 'c->buffer' requires holding 'c->mu' exclusively [guarded-access]
    // CHECK-NEXT: clang_guarded_by_macros.c:[[@LINE-2]]:5: note: 'c->mu' released here
    c->buffer[1] = 0;
}

void log_line(void)
{
    // CHECK: clang_guarded_by_macros.c:[[@LINE+1]]:5: warning: writing 'log_lines' requires holding 'log_mu' exclusively [guarded-access]
    log_lines++;
    pthread_mutex_lock(&log_mu);
    log_lines++;
    pthread_mutex_unlock(&log_mu);
}
