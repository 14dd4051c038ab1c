// LC_NO_ANALYSIS and clang's no_thread_safety_analysis (also through a
// macro): nothing is reported inside such functions; their callers are
// still checked.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

#define NO_THREAD_SAFETY_ANALYSIS __attribute__((no_thread_safety_analysis))

pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
int shared LC_GUARDED_BY(mu);

void need_lock(void) LC_REQUIRES(mu);

void init_before_threads(void) LC_NO_ANALYSIS
{
    shared = 0;
    need_lock();
    pthread_mutex_lock(&mu);
}

void debug_dump(void) NO_THREAD_SAFETY_ANALYSIS
{
    shared++;
}

void direct(void) __attribute__((no_thread_safety_analysis))
{
    shared--;
}

void checked(void)
{
    // CHECK: no_analysis.c:[[@LINE+1]]:5: warning: writing 'shared' requires holding 'mu' exclusively [guarded-access]
    shared = 1;
}
