// clang's spellings of "requires": requires_capability written directly and
// through macros, the legacy exclusive_locks_required / shared_locks_required,
// several locks in one annotation, and the lock named by a pointer parameter
// (`m` and `*m` name the mutex m points to).
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>

#define THREAD_ANNOTATION_ATTRIBUTE__(x) __attribute__((x))
#define REQUIRES(...) THREAD_ANNOTATION_ATTRIBUTE__(requires_capability(__VA_ARGS__))

pthread_mutex_t a_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;

void both(void) REQUIRES(a_mu, b_mu);
void with_pointer(pthread_mutex_t *m) __attribute__((requires_capability(m)));
void with_star(pthread_mutex_t *m) __attribute__((requires_capability(*m)));
void legacy(void) __attribute__((exclusive_locks_required(a_mu)));
void legacy_shared(void) __attribute__((shared_locks_required(rw)));

void callers(void)
{
    pthread_mutex_lock(&a_mu);
    // CHECK: clang_requires.c:[[@LINE+1]]:5: warning: calling 'both' requires holding 'b_mu' exclusively [requires-lock]
    both();
    legacy();
    with_pointer(&a_mu);
    with_star(&a_mu);
    // CHECK: clang_requires.c:[[@LINE+1]]:5: warning: calling 'with_pointer' requires holding 'b_mu' exclusively [requires-lock]
    with_pointer(&b_mu);
    // CHECK: clang_requires.c:[[@LINE+1]]:5: warning: calling 'legacy_shared' requires holding 'rw' [requires-lock]
    legacy_shared();
    pthread_mutex_unlock(&a_mu);
    pthread_rwlock_rdlock(&rw);
    legacy_shared();
    pthread_rwlock_unlock(&rw);
}
