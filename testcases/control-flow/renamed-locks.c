// After an assignment to a variable a lock expression goes through, the same
// text names another lock: locks[i] after i++, n->mu after n = n->next.
// Locking each in turn is not a double lock; forgetting to unlock inside the
// same iteration still is a missing unlock.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t bucket_locks[64];

static void bucket_done(int i)
{
    pthread_mutex_unlock(&bucket_locks[i]);
}

void lock_all(void)
{
    for (int i = 0; i < 64; i++)
        pthread_mutex_lock(&bucket_locks[i]);
}

void sweep(void)
{
    for (int i = 0; i < 64; i++) {
        pthread_mutex_lock(&bucket_locks[i]);
        bucket_done(i);
    }
}

struct node {
    pthread_mutex_t mu;
    struct node *next;
    int value;
};

// Hand-over-hand locking down a list.
int sum_list(struct node *n)
{
    int total = 0;
    pthread_mutex_lock(&n->mu);
    while (n->next) {
        struct node *next = n->next;
        pthread_mutex_lock(&next->mu);
        total += n->value;
        pthread_mutex_unlock(&n->mu);
        n = next;
    }
    total += n->value;
    pthread_mutex_unlock(&n->mu);
    return total;
}

int find(struct node *n, int wanted)
{
    for (; n; n = n->next) {
        pthread_mutex_lock(&n->mu);
        if (n->value == wanted)
            return 1;
        pthread_mutex_unlock(&n->mu);
    }
    return 0;
}
// CHECK: renamed-locks.c:58:13: warning: mutex 'n->mu' is still held when 'find' returns [missing-unlock]
// CHECK-NEXT: renamed-locks.c:56:9: note: 'n->mu' acquired here
// CHECK-NEXT: renamed-locks.c:57:13: note: on the path where this condition is true
