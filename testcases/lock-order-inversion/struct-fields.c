// Locks are ordered by class: the `lock` field of a struct account and the
// `lock` field of a struct ledger, whatever the objects. Two accounts' locks
// are the same class and are not ordered by this rule.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct account { pthread_mutex_t lock; long balance; };
struct ledger { pthread_mutex_t lock; long entries; };

void post(struct ledger *l, struct account *a)
{
    pthread_mutex_lock(&l->lock);
    pthread_mutex_lock(&a->lock);
    l->entries += a->balance;
    pthread_mutex_unlock(&a->lock);
    pthread_mutex_unlock(&l->lock);
}

void close_account(struct account *a, struct ledger *l)
{
    pthread_mutex_lock(&a->lock);
    pthread_mutex_lock(&l->lock);
    l->entries--;
    pthread_mutex_unlock(&l->lock);
    pthread_mutex_unlock(&a->lock);
}
// CHECK: struct-fields.c:22:5: warning: mutex 'l->lock' is acquired while holding mutex 'a->lock', but 'post' acquires them in the opposite order: the two can deadlock [lock-order-inversion]
// CHECK-NEXT: struct-fields.c:21:5: note: mutex 'a->lock' acquired here
// CHECK-NEXT: struct-fields.c:12:5: note: mutex 'l->lock' acquired here in 'post'
// CHECK-NEXT: struct-fields.c:13:5: note: then mutex 'a->lock' acquired here while holding it

void transfer(struct account *from, struct account *to, long amount)
{
    pthread_mutex_lock(&from->lock);
    pthread_mutex_lock(&to->lock);
    from->balance -= amount;
    to->balance += amount;
    pthread_mutex_unlock(&to->lock);
    pthread_mutex_unlock(&from->lock);
}
