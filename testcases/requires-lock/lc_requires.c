// LC_REQUIRES / LC_REQUIRES_SHARED: callers must hold the lock, named through
// the call's arguments; the annotated function starts with it held.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

struct account {
    pthread_mutex_t mu;
    long balance LC_GUARDED_BY(mu);
};

struct book {
    pthread_rwlock_t lock;
    int pages LC_GUARDED_BY(lock);
};

/* The body may touch the balance: a->mu is held on entry. */
void credit(struct account *a, long n) LC_REQUIRES(a->mu)
{
    a->balance += n;
}

int page_count(struct book *b) LC_REQUIRES_SHARED(b->lock);

void pay(struct account *from, struct account *to, long n)
{
    pthread_mutex_lock(&from->mu);
    credit(from, -n);
    // CHECK: lc_requires.c:[[@LINE+1]]:5: warning: calling 'credit' requires holding 'to->mu' exclusively [requires-lock]
    credit(to, n);
    pthread_mutex_unlock(&from->mu);
    // CHECK: lc_requires.c:[[@LINE+2]]:5: warning: calling 'credit' requires holding 'from->mu' exclusively [requires-lock]
    // CHECK-NEXT: lc_requires.c:[[@LINE-2]]:5: note: 'from->mu' released here
    credit(from, 1);
}

int read_pages(struct book *b)
{
    pthread_rwlock_rdlock(&b->lock);
    int n = page_count(b);
    pthread_rwlock_unlock(&b->lock);
    // CHECK: lc_requires.c:[[@LINE+2]]:16: warning: calling 'page_count' requires holding 'b->lock' [requires-lock]
    // CHECK-NEXT: lc_requires.c:[[@LINE-2]]:5: note: 'b->lock' released here
    return n + page_count(b);
}

/* Requiring a lock and taking it again is a double lock. */
void relock(struct account *a) LC_REQUIRES(a->mu)
{
    // CHECK: lc_requires.c:[[@LINE+1]]:5: warning: mutex 'a->mu' is acquired while already held [double-lock]
    pthread_mutex_lock(&a->mu);
    pthread_mutex_unlock(&a->mu);
}
