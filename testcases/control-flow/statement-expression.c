// GNU statement expressions are part of the control flow: locking and
// unlocking inside one is balanced; leaving through a return inside one is not.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int shared;

#define LOCKED_READ(var) ({ pthread_mutex_lock(&m); int v_ = (var); pthread_mutex_unlock(&m); v_; })

int read_shared(void)
{
    return LOCKED_READ(shared) + 1;
}

int leave_inside(int x)
{
    int v = ({ pthread_mutex_lock(&m); if (x) return -1; shared; });
    pthread_mutex_unlock(&m);
    return v;
}
// CHECK: statement-expression.c:18:47: warning: mutex 'm' is still held when 'leave_inside' returns [missing-unlock]
// CHECK-NEXT: statement-expression.c:18:16: note: 'm' acquired here
// CHECK-NEXT: statement-expression.c:18:44: note: on the path where this condition is true
