// A read lock held by both sides does not protect a write: 'hits' is
// written under the read lock. A write under the write lock and reads under
// the read lock exclude each other: 'size' is silent.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static int size;
static int hits;

static void *lookup(void *arg)
{
    (void)arg;
    pthread_rwlock_rdlock(&table_lock);
    int n = size;
    hits++;
    pthread_rwlock_unlock(&table_lock);
    return (void *)(long)n;
}

static void *resize(void *arg)
{
    (void)arg;
    pthread_rwlock_wrlock(&table_lock);
    size *= 2;
    pthread_rwlock_unlock(&table_lock);
    return NULL;
}

int main(void)
{
    pthread_t a, b, c;
    pthread_create(&a, NULL, lookup, NULL);
    pthread_create(&b, NULL, lookup, NULL);
    pthread_create(&c, NULL, resize, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    return size + hits;
}
// CHECK: rwlock.c:18:5: warning: 'hits' is written here holding 'table_lock' shared, while another thread writes it holding 'table_lock' shared: no lock in common [data-race]
// CHECK-NEXT: rwlock.c:18:5: note: 'hits' is written here in another thread, holding 'table_lock' shared
// CHECK-NEXT: rwlock.c:35:5: note: the thread created here runs 'lookup', which makes this access
// CHECK-NEXT: rwlock.c:36:5: note: the thread created here runs 'lookup', which makes the other access
