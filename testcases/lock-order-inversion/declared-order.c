// Orders declared on the locks themselves (struct fields or globals): one
// acquisition against them is enough. (clang drops its own acquired_before /
// acquired_after on a plain pthread_mutex_t, which is not a capability type;
// lockcheck.h's macros are kept on any type.)
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <lockcheck.h>
#include <pthread.h>

struct session {
    pthread_mutex_t state_mu;
    pthread_mutex_t io_mu LC_ACQUIRED_AFTER(state_mu);
    int state, bytes;
};

void session_flush(struct session *s)
{
    pthread_mutex_lock(&s->io_mu);
    pthread_mutex_lock(&s->state_mu);
    s->state = 0;
    pthread_mutex_unlock(&s->state_mu);
    pthread_mutex_unlock(&s->io_mu);
}
// CHECK: declared-order.c:18:5: warning: mutex 's->state_mu' is acquired while holding mutex 's->io_mu', against the declared order ('state_mu' before 'io_mu'): the two can deadlock [lock-order-inversion]
// CHECK-NEXT: declared-order.c:17:5: note: mutex 's->io_mu' acquired here
// CHECK-NEXT: declared-order.c:11:21: note: the order is declared here

// The declared order itself is fine.
void session_write(struct session *s, int n)
{
    pthread_mutex_lock(&s->state_mu);
    pthread_mutex_lock(&s->io_mu);
    s->bytes += n;
    pthread_mutex_unlock(&s->io_mu);
    pthread_mutex_unlock(&s->state_mu);
}

pthread_mutex_t cache_mu;
pthread_mutex_t registry_mu LC_ACQUIRED_BEFORE(cache_mu);

void cache_purge(void)
{
    pthread_mutex_lock(&cache_mu);
    pthread_mutex_lock(&registry_mu);
    pthread_mutex_unlock(&registry_mu);
    pthread_mutex_unlock(&cache_mu);
}
// CHECK: declared-order.c:43:5: warning: mutex 'registry_mu' is acquired while holding mutex 'cache_mu', against the declared order ('registry_mu' before 'cache_mu'): the two can deadlock [lock-order-inversion]
// CHECK-NEXT: declared-order.c:42:5: note: mutex 'cache_mu' acquired here
// CHECK-NEXT: declared-order.c:38:17: note: the order is declared here
