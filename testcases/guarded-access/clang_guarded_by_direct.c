// clang's spellings written directly, with plain pthread types and calls:
// guarded_by, pt_guarded_by (also in clang's __name__ form).
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    int length __attribute__((guarded_by(mu)));
    int *items __attribute__((__pt_guarded_by__(mu)));
};

pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
struct queue *registry __attribute__((guarded_by(registry_mu)));

void push(struct queue *q, int v)
{
    pthread_mutex_lock(&q->mu);
    q->items[q->length++] = v;
    pthread_mutex_unlock(&q->mu);
}

int length_racy(struct queue *q)
{
    // CHECK: clang_guarded_by_direct.c:[[@LINE+1]]:12: warning: reading 'q->length' requires holding 'q->mu' [guarded-access]
    return q->length;
}

int first_racy(struct queue *q)
{
    // CHECK: clang_guarded_by_direct.c:[[@LINE+1]]:12: warning: reading the value pointed to by 'q->items' requires holding 'q->mu' [guarded-access]
    return q->items[0];
}

void publish(struct queue *q)
{
    // CHECK: clang_guarded_by_direct.c:[[@LINE+1]]:5: warning: writing 'registry' requires holding 'registry_mu' exclusively [guarded-access]
    registry = q;
    pthread_mutex_lock(&registry_mu);
    registry = q;
    pthread_mutex_unlock(&registry_mu);
}
