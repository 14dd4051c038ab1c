// Reads need the lock held shared or exclusive; writes need it exclusive.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

struct table {
    pthread_rwlock_t lock;
    int size LC_GUARDED_BY(lock);
};

int table_size(struct table *t)
{
    pthread_rwlock_rdlock(&t->lock);
    int n = t->size;
    pthread_rwlock_unlock(&t->lock);
    return n;
}

void table_grow(struct table *t)
{
    pthread_rwlock_wrlock(&t->lock);
    t->size++;
    pthread_rwlock_unlock(&t->lock);
}

void table_grow_under_read_lock(struct table *t)
{
    pthread_rwlock_rdlock(&t->lock);
    // CHECK: shared_lock.c:[[@LINE+2]]:5: warning: writing 't->size' requires holding 't->lock' exclusively [guarded-access]
    // CHECK-NEXT: shared_lock.c:[[@LINE-2]]:5: note: 't->lock' acquired shared here
    t->size = t->size * 2;
    pthread_rwlock_unlock(&t->lock);
}
