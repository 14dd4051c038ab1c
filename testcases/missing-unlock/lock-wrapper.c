// Functions that return holding a lock on every path hand it to their caller:
// they are lock wrappers, not leaks, and their callers see them as lock calls
// (so the caller's leak is reported, at the caller's return).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

static void account_lock(struct account *a) { pthread_mutex_lock(&a->lock); }
static void account_unlock(struct account *a) { pthread_mutex_unlock(&a->lock); }

int account_debit(struct account *a, long amount)
{
    account_lock(a);
    if (a->balance < amount)
        return -1;
    a->balance -= amount;
    account_unlock(a);
    return 0;
}
// CHECK: lock-wrapper.c:19:9: warning: mutex 'a->lock' is still held when 'account_debit' returns [missing-unlock]
// CHECK-NEXT: lock-wrapper.c:17:5: note: 'a->lock' acquired here
// CHECK-NEXT: lock-wrapper.c:18:9: note: on the path where this condition is true

long account_read(struct account *a)
{
    account_lock(a);
    long b = a->balance;
    account_unlock(a);
    return b;
}
