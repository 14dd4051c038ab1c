// Read locks may be taken more than once; a write lock while holding the read
// lock (an upgrade) deadlocks, as does a second write lock.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_rwlock_t config_lock = PTHREAD_RWLOCK_INITIALIZER;
static int config_value;

int config_read_twice(void)
{
    pthread_rwlock_rdlock(&config_lock);
    pthread_rwlock_rdlock(&config_lock);
    int v = config_value;
    pthread_rwlock_unlock(&config_lock);
    pthread_rwlock_unlock(&config_lock);
    return v;
}

void config_upgrade(int v)
{
    pthread_rwlock_rdlock(&config_lock);
    if (config_value != v) {
        pthread_rwlock_wrlock(&config_lock);
        config_value = v;
    }
    pthread_rwlock_unlock(&config_lock);
}
// CHECK: rwlock-modes.c:23:9: warning: rwlock 'config_lock' is acquired for writing while already held for reading [double-lock]
// CHECK-NEXT: rwlock-modes.c:21:5: note: 'config_lock' acquired here
// CHECK-NEXT: rwlock-modes.c:22:9: note: on the path where this condition is true

void config_write_twice(int v)
{
    pthread_rwlock_wrlock(&config_lock);
    pthread_rwlock_wrlock(&config_lock);
    config_value = v;
    pthread_rwlock_unlock(&config_lock);
}
// CHECK: rwlock-modes.c:35:5: warning: rwlock 'config_lock' is acquired while already held [double-lock]
// CHECK-NEXT: rwlock-modes.c:34:5: note: 'config_lock' acquired here

// Nested read locks: the inner unlock leaves the outer read hold, so the read
// between the two unlocks is still under the lock and the end is balanced.
int config_read_nested(void)
{
    pthread_rwlock_rdlock(&config_lock);
    pthread_rwlock_rdlock(&config_lock);
    pthread_rwlock_unlock(&config_lock);
    int v = config_value;
    pthread_rwlock_unlock(&config_lock);
    return v;
}
