// The annotation may sit on the prototype (in a header) with other parameter
// names than the definition, or on the definition only: the lock is the
// parameter at the same position either way.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

struct node {
    pthread_mutex_t mu;
    int value LC_GUARDED_BY(mu);
};

void node_set(struct node *n, int v) LC_REQUIRES(n->mu);

/* Defined with another parameter name: its body holds target->mu. */
void node_set(struct node *target, int v)
{
    target->value = v;
}

/* Annotated on the definition only, used after it. */
int node_get(struct node *n) LC_REQUIRES_SHARED(n->mu)
{
    return n->value;
}

int update(struct node *a, struct node *b)
{
    pthread_mutex_lock(&a->mu);
    node_set(a, 1);
    // CHECK: annotation_on_other_declaration.c:[[@LINE+1]]:5: warning: calling 'node_set' requires holding 'b->mu' exclusively [requires-lock]
    node_set(b, 2);
    int v = node_get(a);
    // CHECK: annotation_on_other_declaration.c:[[@LINE+1]]:16: warning: calling 'node_get' requires holding 'b->mu' [requires-lock]
    return v + node_get(b) + (pthread_mutex_unlock(&a->mu), 0);
}
