// clang's acquire_capability (through a macro) and the legacy
// exclusive_lock_function, on functions whose lock is a pointer parameter.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>

#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))

void lock_checked(pthread_mutex_t *m) ACQUIRE(m)
{
    if (pthread_mutex_lock(m) != 0)
        // CHECK: clang_acquire_capability.c:[[@LINE+1]]:9: warning: 'lock_checked' can return without holding 'm', but it is annotated as acquiring it [lock-not-acquired]
        return;
}

void lock_legacy(pthread_mutex_t *m, int skip) __attribute__((exclusive_lock_function(*m)))
{
    if (skip)
        // CHECK: clang_acquire_capability.c:[[@LINE+1]]:9: warning: 'lock_legacy' can return without holding 'm', but it is annotated as acquiring it [lock-not-acquired]
        return;
    pthread_mutex_lock(m);
}
