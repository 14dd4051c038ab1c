// Idiom (found in rsyslog 8.2302, msg.c, six functions): a lock pointer
// starts NULL, a helper picks the lock (and may fail, leaving it NULL), the
// function locks through it, and the shared exit label releases it
// `if (mu != NULL)`. Wherever the lock was taken the pointer was just
// dereferenced, so it is not NULL and the release runs. Today's lockcheck
// does not learn `mu != NULL` from the lock call and reports the exit on the
// path where the test is false. XFAIL until a lock taken through a pointer
// makes that pointer non-NULL for the conditions that follow. When this
// test passes (XPASS), remove the XFAIL line.
// XFAIL: *
// RUN: %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <stddef.h>

enum scope { SCOPE_MESSAGE, SCOPE_GLOBAL };

struct message {
    pthread_mutex_t mu;
    int vars;
};

static pthread_mutex_t globals_lock = PTHREAD_MUTEX_INITIALIZER;
static int global_vars;

static int pick_root(struct message *m, enum scope scope, int **root, pthread_mutex_t **mu)
{
    if (scope == SCOPE_MESSAGE) {
        *mu = &m->mu;
        *root = &m->vars;
    } else if (scope == SCOPE_GLOBAL) {
        *mu = &globals_lock;
        *root = &global_vars;
    } else {
        return -1;
    }
    return 0;
}

int read_var(struct message *m, enum scope scope, int *out)
{
    pthread_mutex_t *mu = NULL;
    int *root;
    int err = pick_root(m, scope, &root, &mu);
    if (err != 0)
        goto done;
    pthread_mutex_lock(mu);
    if (*root == 0) {
        err = -2;
        goto done;
    }
    *out = *root;
done:
    if (mu != NULL)
        pthread_mutex_unlock(mu);
    return err;
}

// The buggy form: an early return skips the exit label. Still reported.
int read_var_leaky(struct message *m, enum scope scope, int *out)
{
    pthread_mutex_t *mu = NULL;
    int *root;
    int err = pick_root(m, scope, &root, &mu);
    if (err != 0)
        goto done;
    pthread_mutex_lock(mu);
    if (*root == 0)
        // CHECK: lock-pointer-null-test.c:[[@LINE+1]]:9: warning: mutex 'mu' is still held when 'read_var_leaky' returns [missing-unlock]
        return -2;
    *out = *root;
done:
    if (mu != NULL)
        pthread_mutex_unlock(mu);
    return err;
}
