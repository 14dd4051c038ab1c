// A helper that takes and releases a lock is neutral for its callers: calling
// it twice releases nothing twice. A helper that only releases (the caller's
// lock) is an unlock for its callers.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long events;

static void count_event(void)
{
    pthread_mutex_lock(&stats_lock);
    events++;
    pthread_mutex_unlock(&stats_lock);
}

static void stats_unlock(void)
{
    pthread_mutex_unlock(&stats_lock);
}

void twice(void)
{
    count_event();
    count_event();
}

void release_twice(void)
{
    pthread_mutex_lock(&stats_lock);
    stats_unlock();
    stats_unlock();
}
// CHECK: balanced-helper.c:32:5: warning: mutex 'stats_lock' is released but it is not held [unlock-not-held]
// CHECK-NEXT: balanced-helper.c:31:5: note: 'stats_lock' already released here
