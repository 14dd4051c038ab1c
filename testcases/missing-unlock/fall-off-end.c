// Control falls off the closing brace with the lock held: reported at the brace.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long hits, misses;

void stats_record(int hit)
{
    pthread_mutex_lock(&stats_lock);
    if (hit) {
        hits++;
        pthread_mutex_unlock(&stats_lock);
        return;
    }
    misses++;
}
// CHECK: fall-off-end.c:17:1: warning: mutex 'stats_lock' is still held when 'stats_record' returns [missing-unlock]
// CHECK-NEXT: fall-off-end.c:10:5: note: 'stats_lock' acquired here
// CHECK-NEXT: fall-off-end.c:11:9: note: on the path where this condition is false
