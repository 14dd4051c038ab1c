// The checked-lock idioms: the lock is held only on the success path, so the
// early return on failure does not leak it.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <threads.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static mtx_t cm;
static int value;

int direct(void)
{
    if (pthread_mutex_lock(&m) != 0)
        return -1;
    value++;
    pthread_mutex_unlock(&m);
    return 0;
}

int direct_truth(void)
{
    if (pthread_mutex_lock(&m))
        return -1;
    value++;
    pthread_mutex_unlock(&m);
    return 0;
}

int through_variable(void)
{
    int err = pthread_mutex_lock(&m);
    if (err)
        return err;
    value++;
    pthread_mutex_unlock(&m);
    return 0;
}

int assigned_in_condition(void)
{
    int err;
    if ((err = pthread_mutex_lock(&m)) != 0)
        return err;
    value++;
    pthread_mutex_unlock(&m);
    return 0;
}

int c11(void)
{
    if (mtx_lock(&cm) != thrd_success)
        return -1;
    value++;
    mtx_unlock(&cm);
    return 0;
}

int c11_equal(void)
{
    if (mtx_lock(&cm) == thrd_success) {
        value++;
        mtx_unlock(&cm);
        return 0;
    }
    return -1;
}

// The check is there, but the success path still leaks.
int checked_then_leaks(int v)
{
    int err = pthread_mutex_lock(&m);
    if (err != 0)
        return err;
    if (v < 0)
        return -1;
    value = v;
    pthread_mutex_unlock(&m);
    return 0;
}
// CHECK: checked-lock.c:75:9: warning: mutex 'm' is still held when 'checked_then_leaks' returns [missing-unlock]
// CHECK-NEXT: checked-lock.c:71:15: note: 'm' acquired here
// CHECK-NEXT: checked-lock.c:74:9: note: on the path where this condition is true
