// Idiom (found in rsyslog 8.2302, msg.c, six functions): a lock pointer
// starts NULL, a helper picks the lock (and may fail, leaving it NULL), the
// function locks through it, and the shared exit label releases it
// `if (mu != NULL)`. Wherever the lock was taken the pointer was just
// dereferenced, so it is not NULL and the release runs: on the path where
// a pointer tests NULL, the locks reached through it are not held by this
// function.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
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
        // CHECK: lock-pointer-null-test.c:[[@LINE+3]]:9: warning: mutex 'mu' is still held when 'read_var_leaky' returns [missing-unlock]
        // CHECK-NEXT: lock-pointer-null-test.c:[[@LINE-3]]:5: note: 'mu' acquired here
        // CHECK-NEXT: lock-pointer-null-test.c:[[@LINE-3]]:9: note: on the path where this condition is true
        return -2;
    *out = *root;
done:
    if (mu != NULL)
        pthread_mutex_unlock(mu);
    return err;
}

// The same through an object pointer, tested with `if (c)`.
struct channel {
    pthread_mutex_t lock;
    int open;
};

int pick_channel(int id, struct channel **c);

int channel_open(int id)
{
    struct channel *c = NULL;
    int err = pick_channel(id, &c);
    if (err)
        goto out;
    pthread_mutex_lock(&c->lock);
    if (c->open) {
        err = 1;
        goto out;
    }
    c->open = 1;
out:
    if (c)
        pthread_mutex_unlock(&c->lock);
    return err;
}

// Buggy: the release tests another pointer; the lock may stay held.
int channel_open_wrong(int id, struct channel *spare)
{
    struct channel *c = NULL;
    int err = pick_channel(id, &c);
    if (err)
        goto out;
    // CHECK: lock-pointer-null-test.c:[[@LINE+8]]:5: warning: mutex 'c->lock' is still held when 'channel_open_wrong' returns [missing-unlock]
    // CHECK-NEXT: lock-pointer-null-test.c:[[@LINE+1]]:5: note: 'c->lock' acquired here
    pthread_mutex_lock(&c->lock);
    c->open = 1;
out:
    // CHECK-NEXT: lock-pointer-null-test.c:[[@LINE+1]]:9: note: on the path where this condition is false
    if (spare)
        pthread_mutex_unlock(&c->lock);
    return err;
}
