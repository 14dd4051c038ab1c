// An object returned locked or NULL through a single return: `if (obj)
// lock(&obj->mu); return obj;` (rsyslog's get_perthread_regex). The NULL
// side of that return is the unlocked one: a hand-over by C's convention,
// not a leak. Returning NULL while holding the lock still is one, reported
// at that return only (the other return is the hand-over it looks like).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stddef.h>

struct slot {
    pthread_mutex_t mu;
    int uses;
};

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
struct slot *table_find(int key);

static struct slot *slot_get(int key)
{
    struct slot *s;
    pthread_mutex_lock(&table_mu);
    s = table_find(key);
    if (s)
        pthread_mutex_lock(&s->mu);
    pthread_mutex_unlock(&table_mu);
    return s;
}

// Buggy: a slot in use is refused with its lock still held.
static struct slot *slot_get_unused(int key)
{
    struct slot *s = table_find(key);
    if (s)
        // CHECK: locked-or-null-single-return.c:[[@LINE+6]]:9: warning: mutex 's->mu' is still held when 'slot_get_unused' returns [missing-unlock]
        // CHECK-NEXT: locked-or-null-single-return.c:[[@LINE+1]]:9: note: 's->mu' acquired here
        pthread_mutex_lock(&s->mu);
    // CHECK-NEXT: locked-or-null-single-return.c:[[@LINE+2]]:14: note: on the path where this condition is true
    // CHECK-NEXT: locked-or-null-single-return.c:[[@LINE-8]]:21: note: 'slot_get_unused' is not taken for a lock wrapper
    if (s && s->uses > 0)
        return NULL;
    return s;
}

int slot_use(int key)
{
    struct slot *s = slot_get(key);
    if (!s)
        return -1;
    s->uses++;
    pthread_mutex_unlock(&s->mu);
    s = slot_get_unused(key);
    if (!s)
        return -1;
    pthread_mutex_unlock(&s->mu);
    return 0;
}
