// do/while, break and continue: a break that skips the unlock leaks.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int items[32];

int find(int wanted)
{
    int i = 0;
    do {
        pthread_mutex_lock(&m);
        if (items[i] == wanted)
            break;
        pthread_mutex_unlock(&m);
    } while (++i < 32);
    return i;
}
// CHECK: do-while-break-continue.c:17:5: warning: mutex 'm' is still held when 'find' returns [missing-unlock]
// CHECK-NEXT: do-while-break-continue.c:12:9: note: 'm' acquired here
// CHECK-NEXT: do-while-break-continue.c:13:13: note: on the path where this condition is true

int count_nonzero(void)
{
    int n = 0;
    for (int i = 0; i < 32; i++) {
        pthread_mutex_lock(&m);
        if (items[i] == 0) {
            pthread_mutex_unlock(&m);
            continue;
        }
        n++;
        pthread_mutex_unlock(&m);
    }
    return n;
}

int forever(void)
{
    for (;;) {
        pthread_mutex_lock(&m);
        if (items[0])
            break;
        pthread_mutex_unlock(&m);
    }
    items[0] = 0;
    pthread_mutex_unlock(&m);
    return 0;
}
