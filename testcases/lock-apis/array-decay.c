// A mutex stored in opaque storage or at the start of an array is named two
// ways: `(pthread_mutex_t *)l->storage` (the array decays to a pointer to its
// first element) and `(pthread_mutex_t *)&l->storage[0]`. Both are the same
// lock: locking one way and unlocking the other is balanced (silent), an
// early return between them is a leak (reported).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct opaque_lock {
    _Alignas(pthread_mutex_t) char storage[sizeof(pthread_mutex_t)];
};

static pthread_mutex_t shards[4];
int value;

int with_storage(struct opaque_lock *l, int x)
{
    pthread_mutex_lock((pthread_mutex_t *)&l->storage[0]);
    if (x < 0) {
        pthread_mutex_unlock((pthread_mutex_t *)l->storage);
        return -1;
    }
    value = x;
    pthread_mutex_unlock((pthread_mutex_t *)l->storage);
    return 0;
}

int first_shard(int x)
{
    pthread_mutex_lock(shards);
    if (x < 0)
        return -1;
    value = x;
    pthread_mutex_unlock(&shards[0]);
    return 0;
}

// CHECK: array-decay.c:32:9: warning: mutex 'shards[0]' is still held when 'first_shard' returns [missing-unlock]
// CHECK-NEXT: array-decay.c:30:5: note: 'shards[0]' acquired here
// CHECK-NEXT: array-decay.c:31:9: note: on the path where this condition is true
