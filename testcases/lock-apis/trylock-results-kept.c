// A trylock's result negated, compared or stored before it is tested
// (`ok = !pthread_mutex_trylock(&m)`, `r = pthread_mutex_trylock(&m) == 0`,
// `busy = ... != 0`), tested inside a statement-expression macro, or spun on
// in a `while (!trylock)` loop: the lock is held exactly where the test says
// the call succeeded (silent). Releasing it where the test says it failed is
// reported.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long hits;

#define TRY_LOCK(m) ({ int rc_ = pthread_mutex_trylock(m); rc_ == 0; })

void count_negated(void)
{
    int ok = !pthread_mutex_trylock(&stats_mu);
    if (ok) {
        hits++;
        pthread_mutex_unlock(&stats_mu);
    }
}

void count_compared(void)
{
    bool taken = pthread_mutex_trylock(&stats_mu) == 0;
    if (!taken)
        return;
    hits++;
    pthread_mutex_unlock(&stats_mu);
}

void count_busy(void)
{
    int busy = pthread_mutex_trylock(&stats_mu) != 0;
    if (busy)
        return;
    hits++;
    pthread_mutex_unlock(&stats_mu);
}

void count_macro(void)
{
    if (TRY_LOCK(&stats_mu)) {
        hits++;
        pthread_mutex_unlock(&stats_mu);
    }
}

void count_spinning(void)
{
    while (!!pthread_mutex_trylock(&stats_mu))
        ;
    hits++;
    pthread_mutex_unlock(&stats_mu);
}

// Reported: the unlock runs whether or not the trylock succeeded.
void count_negated_bad(void)
{
    int ok = !pthread_mutex_trylock(&stats_mu);
    if (ok)
        hits++;
    pthread_mutex_unlock(&stats_mu);
}

// Reported: the test is the wrong way round.
void count_compared_bad(void)
{
    bool taken = pthread_mutex_trylock(&stats_mu) == 0;
    if (taken)
        return;
    hits++;
    pthread_mutex_unlock(&stats_mu);
}

// CHECK: trylock-results-kept.c:65:5: warning: mutex 'stats_mu' is released on a path where 'count_negated_bad' did not acquire it [unlock-not-held]
// CHECK-NEXT: trylock-results-kept.c:62:15: note: 'stats_mu' acquired here on other paths
// CHECK: trylock-results-kept.c:73:9: warning: mutex 'stats_mu' is still held when 'count_compared_bad' returns [missing-unlock]
// CHECK-NEXT: trylock-results-kept.c:71:18: note: 'stats_mu' acquired here
// CHECK-NEXT: trylock-results-kept.c:72:9: note: on the path where this condition is true
// CHECK-NEXT: trylock-results-kept.c:69:6: note: 'count_compared_bad' is not taken for a lock wrapper: its name does not say it locks, it does not hold 'stats_mu' at every return, and no caller in this file releases it after calling it
// CHECK: trylock-results-kept.c:75:5: warning: mutex 'stats_mu' is released on a path where 'count_compared_bad' did not acquire it [unlock-not-held]
// CHECK-NEXT: trylock-results-kept.c:71:18: note: 'stats_mu' acquired here on other paths
