// The classic error-path leak: a failure value (NULL, false, -1, a negative
// constant, an errno name) returned with the lock held, while the normal path
// unlocks and returns a success value. That is never a hand-over, whatever
// the function is called. The opposite shapes (an object returned locked or
// NULL unlocked; 0 with the lock and an error without; a try-lock wrapper)
// are conventions and stay silent.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct cache {
    pthread_mutex_t mu;
    char *slots[8];
    int used;
};

char *cache_copy(struct cache *c, const char *s)
{
    pthread_mutex_lock(&c->mu);
    char *p = malloc(strlen(s) + 1);
    if (!p)
        return NULL;
    strcpy(p, s);
    c->slots[c->used++ % 8] = p;
    pthread_mutex_unlock(&c->mu);
    return p;
}

bool cache_has_room(struct cache *c)
{
    pthread_mutex_lock(&c->mu);
    if (c->used >= 8)
        return false;
    pthread_mutex_unlock(&c->mu);
    return true;
}

int cache_count(struct cache *c, int limit)
{
    pthread_mutex_lock(&c->mu);
    if (limit < 0)
        return -1;
    if (c->used > limit)
        return -2;
    int n = c->used;
    pthread_mutex_unlock(&c->mu);
    return n;
}

// Named like a lock function, still a leak: ENOMEM and -EINVAL say "failed".
int cache_lock_and_add(struct cache *c, char *s)
{
    pthread_mutex_lock(&c->mu);
    if (!s)
        return -EINVAL;
    if (c->used == 8)
        return ENOMEM;
    c->slots[c->used++] = s;
    pthread_mutex_unlock(&c->mu);
    return 0;
}

// Conventions, silent: the slot returned locked, or NULL unlocked ...
char **cache_slot_locked(struct cache *c, int i)
{
    pthread_mutex_lock(&c->mu);
    if (i < 0 || i >= c->used) {
        pthread_mutex_unlock(&c->mu);
        return NULL;
    }
    return &c->slots[i];
}

// ... 0 with the lock held, an error code without it ...
int cache_reserve(struct cache *c)
{
    pthread_mutex_lock(&c->mu);
    if (c->used == 8) {
        pthread_mutex_unlock(&c->mu);
        return -ENOSPC;
    }
    return 0;
}

// ... true when taken by a try-lock wrapper.
bool cache_try(struct cache *c)
{
    if (pthread_mutex_trylock(&c->mu) != 0)
        return false;
    if (c->used == 8) {
        pthread_mutex_unlock(&c->mu);
        return false;
    }
    return true;
}

void cache_users(struct cache *c)
{
    char **slot = cache_slot_locked(c, 0);
    if (slot) {
        *slot = NULL;
        pthread_mutex_unlock(&c->mu);
    }
    if (cache_reserve(c) == 0) {
        c->used++;
        pthread_mutex_unlock(&c->mu);
    }
    if (cache_try(c)) {
        c->used--;
        pthread_mutex_unlock(&c->mu);
    }
}

// An errno name alone says "failed", even from a function whose name says it
// locks and that never unlocks.
int cache_grab(struct cache *c)
{
    if (c->used == 0)
        return 0;
    pthread_mutex_lock(&c->mu);
    return ENOMEM;
}

// CHECK: failure-value-held.c:25:9: warning: mutex 'c->mu' is still held when 'cache_copy' returns [missing-unlock]
// CHECK-NEXT: failure-value-held.c:22:5: note: 'c->mu' acquired here
// CHECK-NEXT: failure-value-held.c:24:10: note: on the path where this condition is false
// CHECK: failure-value-held.c:36:9: warning: mutex 'c->mu' is still held when 'cache_has_room' returns [missing-unlock]
// CHECK-NEXT: failure-value-held.c:34:5: note: 'c->mu' acquired here
// CHECK-NEXT: failure-value-held.c:35:9: note: on the path where this condition is true
// CHECK: failure-value-held.c:45:9: warning: mutex 'c->mu' is still held when 'cache_count' returns [missing-unlock]
// CHECK-NEXT: failure-value-held.c:43:5: note: 'c->mu' acquired here
// CHECK-NEXT: failure-value-held.c:44:9: note: on the path where this condition is true
// CHECK: failure-value-held.c:47:9: warning: mutex 'c->mu' is still held when 'cache_count' returns [missing-unlock]
// CHECK-NEXT: failure-value-held.c:43:5: note: 'c->mu' acquired here
// CHECK-NEXT: failure-value-held.c:46:9: note: on the path where this condition is true
// CHECK: failure-value-held.c:58:9: warning: mutex 'c->mu' is still held when 'cache_lock_and_add' returns [missing-unlock]
// CHECK-NEXT: failure-value-held.c:56:5: note: 'c->mu' acquired here
// CHECK-NEXT: failure-value-held.c:57:10: note: on the path where this condition is false
// CHECK: failure-value-held.c:60:9: warning: mutex 'c->mu' is still held when 'cache_lock_and_add' returns [missing-unlock]
// CHECK-NEXT: failure-value-held.c:56:5: note: 'c->mu' acquired here
// CHECK-NEXT: failure-value-held.c:59:9: note: on the path where this condition is true
// CHECK: failure-value-held.c:124:5: warning: mutex 'c->mu' is still held when 'cache_grab' returns [missing-unlock]
// CHECK-NEXT: failure-value-held.c:123:5: note: 'c->mu' acquired here
