// C11 mtx_* and POSIX spin locks are lock APIs like pthread mutexes.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <threads.h>

static mtx_t log_mtx;
static pthread_spinlock_t fast;
static int lines;

int log_append(int n)
{
    mtx_lock(&log_mtx);
    if (n < 0)
        return -1;
    lines += n;
    mtx_unlock(&log_mtx);
    return 0;
}
// CHECK: c11-and-spin.c:14:9: warning: mutex 'log_mtx' is still held when 'log_append' returns [missing-unlock]
// CHECK-NEXT: c11-and-spin.c:12:5: note: 'log_mtx' acquired here
// CHECK-NEXT: c11-and-spin.c:13:9: note: on the path where this condition is true

void fast_twice(void)
{
    pthread_spin_lock(&fast);
    pthread_spin_lock(&fast);
    pthread_spin_unlock(&fast);
}
// CHECK: c11-and-spin.c:26:5: warning: spinlock 'fast' is acquired while already held [double-lock]
// CHECK-NEXT: c11-and-spin.c:25:5: note: 'fast' acquired here
