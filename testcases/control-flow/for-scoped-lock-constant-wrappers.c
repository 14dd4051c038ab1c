// A for-loop scoped-lock macro over wrappers that return constants:
// ctx_lock locks and returns 1, ctx_unlock unlocks and returns 0, so
// `for (int i = ctx_lock(); i != 0; i = ctx_unlock())` runs its body once with
// the lock held and leaves it released (silent). A return out of the body
// skips the unlock (reported).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct ctx {
    pthread_mutex_t mu;
    int jobs;
};

static int ctx_lock(struct ctx *c)
{
    pthread_mutex_lock(&c->mu);
    return 1;
}

static int ctx_unlock(struct ctx *c)
{
    pthread_mutex_unlock(&c->mu);
    return 0;
}

#define CTX_LOCKED(c) for (int locked_ = ctx_lock(c); locked_ != 0; locked_ = ctx_unlock(c))

void ctx_add(struct ctx *c)
{
    CTX_LOCKED(c) {
        c->jobs++;
    }
}

int ctx_take(struct ctx *c)
{
    CTX_LOCKED(c) {
        if (c->jobs == 0)
            return -1;
        c->jobs--;
    }
    return 0;
}

// CHECK: for-scoped-lock-constant-wrappers.c:39:13: warning: mutex 'c->mu' is still held when 'ctx_take' returns [missing-unlock]
// CHECK-NEXT: for-scoped-lock-constant-wrappers.c:37:5: note: 'c->mu' acquired here
// CHECK-NEXT: for-scoped-lock-constant-wrappers.c:38:13: note: on the path where this condition is true
