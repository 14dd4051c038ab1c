// A NOLINT comment on the finding's line silences every rule there; a
// NOLINT(rule) silences only that rule; other lines are still reported.
// RUN: not %lockcheck %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int leak_silenced_all(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1; // NOLINT
    pthread_mutex_unlock(&m);
    return 0;
}

int leak_silenced_by_name(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1; /* NOLINT(missing-unlock) */
    pthread_mutex_unlock(&m);
    return 0;
}

int leak_other_rule_named(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1; // NOLINT(double-lock): not this rule, still reported
    // CHECK: nolint_same_line.c:[[@LINE-1]]:9: warning: mutex 'm' is still held when 'leak_other_rule_named' returns [missing-unlock]
    pthread_mutex_unlock(&m);
    return 0;
}

int leak_not_silenced(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1;
    // CHECK: nolint_same_line.c:[[@LINE-1]]:9: warning: {{.*}} [missing-unlock]
    pthread_mutex_unlock(&m);
    return 0;
}

int leak_nolint_lookalike(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1; // NOLINTFOO is not a directive
    // CHECK: nolint_same_line.c:[[@LINE-1]]:9: warning: {{.*}} [missing-unlock]
    pthread_mutex_unlock(&m);
    return 0;
}
