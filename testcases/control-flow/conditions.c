// Short-circuit operators and ?: in conditions become separate branches; the
// note points at the operand whose value decides the leaking path.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int a, b;

int both(void)
{
    pthread_mutex_lock(&m);
    if (a > 0 && b > 0)
        return 1;
    pthread_mutex_unlock(&m);
    return 0;
}
// CHECK: conditions.c:13:9: warning: mutex 'm' is still held when 'both' returns [missing-unlock]
// CHECK-NEXT: conditions.c:11:5: note: 'm' acquired here
// CHECK-NEXT: conditions.c:12:18: note: on the path where this condition is true

int either(void)
{
    pthread_mutex_lock(&m);
    if (a > 0 || b > 0) {
        pthread_mutex_unlock(&m);
        return 1;
    }
    return 0;
}
// CHECK: conditions.c:28:5: warning: mutex 'm' is still held when 'either' returns [missing-unlock]
// CHECK-NEXT: conditions.c:23:5: note: 'm' acquired here
// CHECK-NEXT: conditions.c:24:18: note: on the path where this condition is false

int choose(int pick)
{
    pthread_mutex_lock(&m);
    if (pick ? a : b)
        return 1;
    pthread_mutex_unlock(&m);
    return 0;
}
// CHECK: conditions.c:38:9: warning: mutex 'm' is still held when 'choose' returns [missing-unlock]
// CHECK-NEXT: conditions.c:36:5: note: 'm' acquired here
// CHECK-NEXT: conditions.c:37:16: note: on the path where this condition is true

// A trylock inside a compound condition holds the lock only where it succeeded.
int try_both(void)
{
    if (a > 0 && pthread_mutex_trylock(&m) == 0) {
        b++;
        pthread_mutex_unlock(&m);
        return 1;
    }
    return 0;
}

// ?: as a value, with a lock on one arm only: the arms join, the lock is
// held on one path, and the function releases it on another.
int ternary_value(int x)
{
    int v = x ? (pthread_mutex_lock(&m), a) : b;
    if (x)
        pthread_mutex_unlock(&m);
    return v;
}
