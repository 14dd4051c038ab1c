// NOLINTBEGIN / NOLINTEND silence the lines between them; an END closes the
// BEGIN with the same check list; a BEGIN never closed silences nothing
// and is reported, as clang-tidy reports it.
// RUN: not %lockcheck %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

// NOLINTBEGIN(missing-unlock)
int leak_in_region(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1;
    pthread_mutex_unlock(&m);
    return 0;
}

void double_lock_in_region(void)
{
    pthread_mutex_lock(&m);
    pthread_mutex_lock(&m);
    // CHECK: nolint_begin_end.c:[[@LINE-1]]:5: warning: {{.*}} [double-lock]
    pthread_mutex_unlock(&m);
}
// NOLINTEND(missing-unlock)

int leak_after_region(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1;
    // CHECK: nolint_begin_end.c:[[@LINE-1]]:9: warning: {{.*}} [missing-unlock]
    pthread_mutex_unlock(&m);
    return 0;
}

/* NOLINTBEGIN */
void unlock_twice_in_all_region(void)
{
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    pthread_mutex_unlock(&m);
}
/* NOLINTEND */

// NOLINTBEGIN(unlock-not-held) is never closed: it silences nothing.
// CHECK: nolint_begin_end.c:[[@LINE-1]]:4: warning: unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' comment [lockcheck-nolint]
void unlock_twice_after_unmatched_begin(void)
{
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    pthread_mutex_unlock(&m);
    // CHECK: nolint_begin_end.c:[[@LINE-1]]:5: warning: {{.*}} [unlock-not-held]
}
