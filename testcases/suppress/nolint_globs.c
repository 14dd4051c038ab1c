// NOLINT(...) takes a comma-separated list of rule globs, as clang-tidy.
// RUN: not %lockcheck %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int leak_glob_prefix(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1; // NOLINT(missing-*)
    pthread_mutex_unlock(&m);
    return 0;
}

int leak_in_list(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1; // NOLINT(double-lock, missing-unlock)
    pthread_mutex_unlock(&m);
    return 0;
}

int leak_star(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1; // NOLINT(*)
    pthread_mutex_unlock(&m);
    return 0;
}

int leak_glob_mismatch(int fail)
{
    pthread_mutex_lock(&m);
    if (fail)
        return -1; // NOLINT(double-*, unlock-*)
    // CHECK: nolint_globs.c:[[@LINE-1]]:9: warning: {{.*}} [missing-unlock]
    pthread_mutex_unlock(&m);
    return 0;
}
