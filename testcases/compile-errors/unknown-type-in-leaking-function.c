// An unknown type inside the leaking function itself: clang drops the
// declaration and cannot build the statements that use the variable, but the
// lock calls survive. Neither can change a lock or the path taken (a
// declaration; an increment whose broken part is what it writes), so the
// function is analysed and its leak reported.
// RUN: not %lockcheck %s -- -std=gnu11 2> %t.err | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// RUN: FileCheck %s --check-prefix=ERR --implicit-check-not="not analysed" < %t.err
// ERR: lockcheck: error: {{.*}}unknown-type-in-leaking-function.c: 3 compile errors
#include <pthread.h>

struct cache {
    pthread_mutex_t lock;
    int entries;
    int hits;
};

int cache_lookup(struct cache *c, int key)
{
    // CHECK: unknown-type-in-leaking-function.c:[[@LINE+2]]:5: error: use of undeclared identifier 'cache_stats_t' [clang-diagnostic-error]
    // CHECK-NEXT: unknown-type-in-leaking-function.c:[[@LINE+1]]:20: error: use of undeclared identifier 'stats' [clang-diagnostic-error]
    cache_stats_t *stats = NULL;
    pthread_mutex_lock(&c->lock);
    if (key < 0)
        // CHECK: unknown-type-in-leaking-function.c:[[@LINE+3]]:9: warning: mutex 'c->lock' is still held when 'cache_lookup' returns [missing-unlock]
        // CHECK-NEXT: unknown-type-in-leaking-function.c:[[@LINE-3]]:5: note: 'c->lock' acquired here
        // CHECK-NEXT: unknown-type-in-leaking-function.c:[[@LINE-3]]:9: note: on the path where this condition is true
        return -1;
    c->hits++;
    // CHECK: unknown-type-in-leaking-function.c:[[@LINE+1]]:8: error: no member named 'lookups' in 'struct cache' [clang-diagnostic-error]
    c->lookups++;
    pthread_mutex_unlock(&c->lock);
    return c->entries;
}
