// NOLINTNEXTLINE silences the line after the comment, and only that line.
// RUN: not %lockcheck %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void unlock_twice_silenced(void)
{
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    // NOLINTNEXTLINE(unlock-not-held)
    pthread_mutex_unlock(&m);
}

void unlock_twice_comment_too_far(void)
{
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    // NOLINTNEXTLINE

    pthread_mutex_unlock(&m);
    // CHECK: nolint_next_line.c:[[@LINE-1]]:5: warning: mutex 'm' is released but it is not held [unlock-not-held]
    // CHECK-NEXT: note:
}

void double_lock_wrong_rule(void)
{
    pthread_mutex_lock(&m);
    // NOLINTNEXTLINE(missing-unlock)
    pthread_mutex_lock(&m);
    // CHECK: nolint_next_line.c:[[@LINE-1]]:5: warning: mutex 'm' is acquired while already held [double-lock]
    pthread_mutex_unlock(&m);
}
