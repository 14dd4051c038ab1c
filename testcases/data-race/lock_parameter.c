// A helper that takes the lock it is given: each call site binds the lock
// parameter to its argument. bump(&m1) and bump(&m2) hold different locks
// (a race on 'misses'); record(&stats_mu) from both threads holds the same
// one (no race on 'hits').
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static int misses, hits;

static void bump(pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    misses++;
    pthread_mutex_unlock(m);
}

static void record(pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    hits++;
    pthread_mutex_unlock(m);
}

static void *reader(void *arg)
{
    (void)arg;
    bump(&m1);
    record(&stats_mu);
    return NULL;
}

static void *writer(void *arg)
{
    (void)arg;
    bump(&m2);
    record(&stats_mu);
    return NULL;
}

int main(void)
{
    pthread_t r, w;
    pthread_create(&r, NULL, reader, NULL);
    pthread_create(&w, NULL, writer, NULL);
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    return misses + hits;
}
// CHECK: lock_parameter.c:18:5: warning: 'misses' is written here holding 'm1', while another thread writes it holding 'm2': no lock in common [data-race]
// CHECK-NEXT: lock_parameter.c:18:5: note: 'misses' is written here in another thread, holding 'm2'
// CHECK-NEXT: lock_parameter.c:48:5: note: the thread created here runs 'reader', which makes this access
// CHECK-NEXT: lock_parameter.c:32:5: note: 'reader' calls 'bump' here, on the way to this access
// CHECK-NEXT: lock_parameter.c:49:5: note: the thread created here runs 'writer', which makes the other access
// CHECK-NEXT: lock_parameter.c:40:5: note: 'writer' calls 'bump' here, on the way to the other access
