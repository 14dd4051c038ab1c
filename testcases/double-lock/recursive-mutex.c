// A mutex made recursive may be taken again by the thread that holds it: a
// global with the recursive static initialiser, or a mutex (here every
// object's `mu` field) initialised with a PTHREAD_MUTEX_RECURSIVE attribute.
// Default mutexes still deadlock.
// RUN: not %lockcheck %s -- -std=gnu11 -D_GNU_SOURCE | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

static pthread_mutex_t registry_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static pthread_mutex_t plain_lock = PTHREAD_MUTEX_INITIALIZER;

struct tree {
    pthread_mutex_t mu;
    struct tree *left, *right;
    int size;
};

int tree_init(struct tree *t)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    int rc = pthread_mutex_init(&t->mu, &attr);
    pthread_mutexattr_destroy(&attr);
    return rc;
}

void registry_reenter(void)
{
    pthread_mutex_lock(&registry_lock);
    pthread_mutex_lock(&registry_lock);
    pthread_mutex_unlock(&registry_lock);
    pthread_mutex_unlock(&registry_lock);
}

void tree_grow(struct tree *t)
{
    pthread_mutex_lock(&t->mu);
    pthread_mutex_lock(&t->mu);
    t->size++;
    pthread_mutex_unlock(&t->mu);
    pthread_mutex_unlock(&t->mu);
}

void plain_twice(void)
{
    pthread_mutex_lock(&plain_lock);
    pthread_mutex_lock(&plain_lock);
    pthread_mutex_unlock(&plain_lock);
}
// CHECK: recursive-mutex.c:47:5: warning: mutex 'plain_lock' is acquired while already held [double-lock]
// CHECK-NEXT: recursive-mutex.c:46:5: note: 'plain_lock' acquired here
