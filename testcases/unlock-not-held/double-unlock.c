// Releasing a lock this function already released: the second unlock is
// reported with a note at the first one.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t file_lock = PTHREAD_MUTEX_INITIALIZER;
static int dirty;

int flush(int fail)
{
    pthread_mutex_lock(&file_lock);
    dirty = 0;
    pthread_mutex_unlock(&file_lock);
    if (fail) {
        pthread_mutex_unlock(&file_lock);
        return -1;
    }
    return 0;
}
// CHECK: double-unlock.c:15:9: warning: mutex 'file_lock' is released but it is not held [unlock-not-held]
// CHECK-NEXT: double-unlock.c:13:5: note: 'file_lock' already released here
