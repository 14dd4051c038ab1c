// A field guarded by a sibling mutex needs the mutex of the object accessed:
// holding from->mu does not allow writing to->balance.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

struct account {
    pthread_mutex_t mu;
    long balance LC_GUARDED_BY(mu);
};

void transfer(struct account *from, struct account *to, long amount)
{
    pthread_mutex_lock(&from->mu);
    from->balance -= amount;
    // CHECK: field_of_other_object.c:[[@LINE+1]]:5: warning: writing 'to->balance' requires holding 'to->mu' exclusively [guarded-access]
    to->balance += amount;
    // CHECK: field_of_other_object.c:[[@LINE+1]]:9: warning: reading 'to->balance' requires holding 'to->mu' [guarded-access]
    if (to->balance < 0)
        from->balance = 0;
    pthread_mutex_unlock(&from->mu);
}

/* Both locks held (in address order): silent. */
void transfer_both(struct account *from, struct account *to, long amount)
{
    struct account *first = from < to ? from : to;
    struct account *second = from < to ? to : from;
    pthread_mutex_lock(&from->mu);
    pthread_mutex_lock(&to->mu);
    from->balance -= amount;
    to->balance += amount;
    pthread_mutex_unlock(&to->mu);
    pthread_mutex_unlock(&from->mu);
    (void)first;
    (void)second;
}

/* A struct member of a struct: the lock is the sibling in the same inner object. */
struct bank {
    int id;
    struct account reserve;
};

long reserve_of(struct bank *b)
{
    pthread_mutex_lock(&b->reserve.mu);
    long r = b->reserve.balance;
    pthread_mutex_unlock(&b->reserve.mu);
    // CHECK: field_of_other_object.c:[[@LINE+2]]:12: warning: reading 'b->reserve.balance' requires holding 'b->reserve.mu' [guarded-access]
    // CHECK-NEXT: field_of_other_object.c:[[@LINE-2]]:5: note: 'b->reserve.mu' released here
    return b->reserve.balance + r;
}
