// A global guarded by a global mutex: reads and writes without it, on some
// path, after releasing it; sizeof and taking the address are not accesses.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long hits LC_GUARDED_BY(stats_mu);

void record_hit(void)
{
    pthread_mutex_lock(&stats_mu);
    hits++;
    pthread_mutex_unlock(&stats_mu);
}

long read_unlocked(void)
{
    // CHECK: global_read_write.c:[[@LINE+1]]:12: warning: reading 'hits' requires holding 'stats_mu' [guarded-access]
    return hits;
}

void reset(int locked)
{
    if (locked)
        pthread_mutex_lock(&stats_mu);
    // CHECK: global_read_write.c:[[@LINE+1]]:5: warning: writing 'hits' requires holding 'stats_mu' exclusively [guarded-access]
    hits = 0;
    if (locked)
        pthread_mutex_unlock(&stats_mu);
}

long after_unlock(void)
{
    pthread_mutex_lock(&stats_mu);
    long h = hits;
    pthread_mutex_unlock(&stats_mu);
    // CHECK: global_read_write.c:[[@LINE+2]]:5: warning: writing 'hits' requires holding 'stats_mu' exclusively [guarded-access]
    // CHECK-NEXT: global_read_write.c:[[@LINE-2]]:5: note: 'stats_mu' released here
    hits += h;
    return h;
}

size_t not_accesses(void)
{
    long *where = &hits;
    (void)where;
    return sizeof hits + sizeof(hits + 1);
}
