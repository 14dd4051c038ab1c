// Functions annotated as acquiring, releasing or trying to acquire a lock act
// as lock calls for their callers, even without a body in the translation
// unit: they feed missing-unlock, double-lock and unlock-not-held, and a
// checked try-lock holds the lock only on its success branch.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>

struct dev {
    pthread_mutex_t mu;
    int state LC_GUARDED_BY(mu);
};

void dev_lock(struct dev *d) LC_ACQUIRES(d->mu);
void dev_unlock(struct dev *d) LC_RELEASES(d->mu);
int dev_trylock(struct dev *d) LC_TRY_ACQUIRES(1, d->mu);
void dev_lock_shared(struct dev *d) LC_ACQUIRES_SHARED(d->mu);

int dev_poll(struct dev *d)
{
    dev_lock(d);
    if (d->state < 0)
        // CHECK: annotated_wrappers_feed_rules.c:[[@LINE+3]]:9: warning: mutex 'd->mu' is still held when 'dev_poll' returns [missing-unlock]
        // CHECK-NEXT: annotated_wrappers_feed_rules.c:[[@LINE-3]]:5: note: 'd->mu' acquired here
        // CHECK-NEXT: annotated_wrappers_feed_rules.c:[[@LINE-3]]:9: note: on the path where this condition is true
        return -1;
    int s = d->state;
    dev_unlock(d);
    return s;
}

void dev_reset(struct dev *d)
{
    dev_lock(d);
    d->state = 0;
    // CHECK: annotated_wrappers_feed_rules.c:[[@LINE+2]]:5: warning: mutex 'd->mu' is acquired while already held [double-lock]
    // CHECK-NEXT: annotated_wrappers_feed_rules.c:[[@LINE-3]]:5: note: 'd->mu' acquired here
    dev_lock(d);
    dev_unlock(d);
    // The second unlock matches the second lock: one root cause, one finding.
    dev_unlock(d);
}

int dev_try(struct dev *d)
{
    if (dev_trylock(d)) {
        d->state++;
        dev_unlock(d);
        return 1;
    }
    // CHECK: annotated_wrappers_feed_rules.c:[[@LINE+1]]:12: warning: reading 'd->state' requires holding 'd->mu' [guarded-access]
    return d->state;
}

int dev_read(struct dev *d)
{
    dev_lock_shared(d);
    int s = d->state;
    // CHECK: annotated_wrappers_feed_rules.c:[[@LINE+2]]:5: warning: writing 'd->state' requires holding 'd->mu' exclusively [guarded-access]
    // CHECK-NEXT: annotated_wrappers_feed_rules.c:[[@LINE-3]]:5: note: 'd->mu' acquired shared here
    d->state = s + 1;
    dev_unlock(d);
    return s;
}
