// Most real inversions go through calls: one function holds A and calls a
// helper that takes B, another holds B and takes A. The call counts as
// taking B where it is made.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t sessions_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int sessions, logins;

static void count_login(void)
{
    pthread_mutex_lock(&stats_lock);
    logins++;
    pthread_mutex_unlock(&stats_lock);
}

void session_open(void)
{
    pthread_mutex_lock(&sessions_lock);
    sessions++;
    count_login();
    pthread_mutex_unlock(&sessions_lock);
}

int stats_report(void)
{
    pthread_mutex_lock(&stats_lock);
    pthread_mutex_lock(&sessions_lock);
    int r = sessions + logins;
    pthread_mutex_unlock(&sessions_lock);
    pthread_mutex_unlock(&stats_lock);
    return r;
}
// CHECK: through-calls.c:29:5: warning: mutex 'sessions_lock' is acquired while holding mutex 'stats_lock', but 'session_open' acquires them in the opposite order: the two can deadlock [lock-order-inversion]
// CHECK-NEXT: through-calls.c:28:5: note: mutex 'stats_lock' acquired here
// CHECK-NEXT: through-calls.c:20:5: note: mutex 'sessions_lock' acquired here in 'session_open'
// CHECK-NEXT: through-calls.c:22:5: note: then mutex 'stats_lock' acquired inside 'count_login', called here while holding it

// The later of the two orders can be the call itself.
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t drain_lock = PTHREAD_MUTEX_INITIALIZER;

void drain(void)
{
    pthread_mutex_lock(&queue_lock);
    pthread_mutex_lock(&drain_lock);
    pthread_mutex_unlock(&drain_lock);
    pthread_mutex_unlock(&queue_lock);
}

static void take_queue(void)
{
    pthread_mutex_lock(&queue_lock);
    pthread_mutex_unlock(&queue_lock);
}

void drain_locked(void)
{
    pthread_mutex_lock(&drain_lock);
    take_queue();
    pthread_mutex_unlock(&drain_lock);
}
// CHECK: through-calls.c:61:5: warning: 'take_queue' acquires mutex 'queue_lock' while mutex 'drain_lock' is held, but 'drain' acquires them in the opposite order: the two can deadlock [lock-order-inversion]
// CHECK-NEXT: through-calls.c:60:5: note: mutex 'drain_lock' acquired here
// CHECK-NEXT: through-calls.c:46:5: note: mutex 'queue_lock' acquired here in 'drain'
// CHECK-NEXT: through-calls.c:47:5: note: then mutex 'drain_lock' acquired here while holding it
