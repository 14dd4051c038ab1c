// A field written under its object's mutex everywhere but once: the
// finding is at the one access without it, and says how many agree.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

struct account {
    pthread_mutex_t mu;
    long balance;
};

static void deposit(struct account *a, long amount)
{
    pthread_mutex_lock(&a->mu);
    a->balance += amount;
    pthread_mutex_unlock(&a->mu);
}

static void withdraw(struct account *a, long amount)
{
    pthread_mutex_lock(&a->mu);
    if (a->balance >= amount)
        a->balance -= amount;
    pthread_mutex_unlock(&a->mu);
}

static void add_interest(struct account *a)
{
    a->balance += a->balance / 100;
}

static void *teller(void *arg)
{
    struct account *a = arg;
    deposit(a, 5);
    withdraw(a, 3);
    return NULL;
}

static void *bank(void *arg)
{
    add_interest(arg);
    return NULL;
}

int main(void)
{
    static struct account acct = {PTHREAD_MUTEX_INITIALIZER, 100};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, teller, &acct);
    pthread_create(&t2, NULL, bank, &acct);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
// CHECK: majority_lock.c:30:5: warning: 'a->balance' is written here without 'a->mu', which is held at 3 of its 3 other accesses [data-race]
// CHECK-NEXT: majority_lock.c:16:5: note: 'a->balance' is written here in another thread, holding 'a->mu'
// CHECK-NEXT: majority_lock.c:52:5: note: the thread created here runs 'bank', which makes this access
// CHECK-NEXT: majority_lock.c:43:5: note: 'bank' calls 'add_interest' here, on the way to this access
// CHECK-NEXT: majority_lock.c:51:5: note: the thread created here runs 'teller', which makes the other access
// CHECK-NEXT: majority_lock.c:36:5: note: 'teller' calls 'deposit' here, on the way to the other access
