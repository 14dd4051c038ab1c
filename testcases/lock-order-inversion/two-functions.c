// Two functions take the same two locks in opposite orders: run in two
// threads, each can hold one lock and wait for the other. Reported once, at
// the later acquisition, with notes at the other order.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t accounts_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t audit_lock = PTHREAD_MUTEX_INITIALIZER;
static long total, audited;

void deposit(long amount)
{
    pthread_mutex_lock(&accounts_lock);
    total += amount;
    pthread_mutex_lock(&audit_lock);
    audited++;
    pthread_mutex_unlock(&audit_lock);
    pthread_mutex_unlock(&accounts_lock);
}

void audit(void)
{
    pthread_mutex_lock(&audit_lock);
    pthread_mutex_lock(&accounts_lock);
    audited = total;
    pthread_mutex_unlock(&accounts_lock);
    pthread_mutex_unlock(&audit_lock);
}
// CHECK: two-functions.c:24:5: warning: mutex 'accounts_lock' is acquired while holding mutex 'audit_lock', but 'deposit' acquires them in the opposite order: the two can deadlock [lock-order-inversion]
// CHECK-NEXT: two-functions.c:23:5: note: mutex 'audit_lock' acquired here
// CHECK-NEXT: two-functions.c:13:5: note: mutex 'accounts_lock' acquired here in 'deposit'
// CHECK-NEXT: two-functions.c:15:5: note: then mutex 'audit_lock' acquired here while holding it

// The same order everywhere is fine, as are try-locks (they back off) and two
// read locks.
static pthread_rwlock_t index_lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t names_lock = PTHREAD_RWLOCK_INITIALIZER;

void audit_again(void)
{
    pthread_mutex_lock(&accounts_lock);
    pthread_mutex_lock(&audit_lock);
    pthread_mutex_unlock(&audit_lock);
    pthread_mutex_unlock(&accounts_lock);
}

int audit_try(void)
{
    pthread_mutex_lock(&audit_lock);
    if (pthread_mutex_trylock(&accounts_lock) != 0) {
        pthread_mutex_unlock(&audit_lock);
        return -1;
    }
    pthread_mutex_unlock(&accounts_lock);
    pthread_mutex_unlock(&audit_lock);
    return 0;
}

void lookup_a(void)
{
    pthread_rwlock_rdlock(&index_lock);
    pthread_rwlock_rdlock(&names_lock);
    pthread_rwlock_unlock(&names_lock);
    pthread_rwlock_unlock(&index_lock);
}

void lookup_b(void)
{
    pthread_rwlock_rdlock(&names_lock);
    pthread_rwlock_rdlock(&index_lock);
    pthread_rwlock_unlock(&index_lock);
    pthread_rwlock_unlock(&names_lock);
}
