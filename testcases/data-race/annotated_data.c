// Data annotated LC_GUARDED_BY is guarded-access's: the unlocked write is
// reported once, by that rule, not again as a data race. The unannotated
// field next to it is data-race's.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

#include "lockcheck.h"

struct counter {
    pthread_mutex_t mu;
    long hits LC_GUARDED_BY(mu);
    long misses;
};

static void *hit(void *arg)
{
    struct counter *c = arg;
    pthread_mutex_lock(&c->mu);
    c->hits++;
    c->misses--;
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

static void *miss(void *arg)
{
    struct counter *c = arg;
    c->hits = 0;
    c->misses++;
    return NULL;
}

int main(void)
{
    static struct counter c = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
    pthread_t a, b;
    pthread_create(&a, NULL, hit, &c);
    pthread_create(&b, NULL, miss, &c);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
// CHECK: annotated_data.c:30:5: warning: writing 'c->hits' requires holding 'c->mu' exclusively [guarded-access]
// CHECK: annotated_data.c:31:5: warning: 'c->misses' is written here without a lock, while another thread writes it holding 'c->mu': no lock in common [data-race]
// CHECK-NEXT: annotated_data.c:22:5: note: 'c->misses' is written here in another thread, holding 'c->mu'
// CHECK-NEXT: annotated_data.c:40:5: note: the thread created here runs 'miss', which makes this access
// CHECK-NEXT: annotated_data.c:39:5: note: the thread created here runs 'hit', which makes the other access
