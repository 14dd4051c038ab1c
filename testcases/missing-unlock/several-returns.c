// Each leaking return is reported on its own line; the return after the
// unlock is not.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[64];

int table_set(int key, int value)
{
    pthread_mutex_lock(&table_lock);
    if (key < 0)
        return -1;
    if (key >= 64)
        return -2;
    table[key] = value;
    pthread_mutex_unlock(&table_lock);
    return 0;
}
// CHECK: several-returns.c:13:9: warning: mutex 'table_lock' is still held when 'table_set' returns [missing-unlock]
// CHECK: several-returns.c:15:9: warning: mutex 'table_lock' is still held when 'table_set' returns [missing-unlock]
