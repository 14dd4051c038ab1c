// Several independent conditions decide one lock's state, and the paths meet
// at one clean-up label: a `have_a` flag set where the lock is taken, an
// error variable set on another path, a second lock released at its own
// label. Each condition is kept (silent). Forgetting to clear the flag after
// an early unlock makes the label release the lock twice (reported).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct pair {
    pthread_mutex_t a, b;
    int n, m;
};

int pair_work(struct pair *p);

int two_labels(struct pair *p, int x)
{
    int err = 0, have_a = 0;
    if (x) {
        pthread_mutex_lock(&p->a);
        have_a = 1;
    }
    if (p->n) {
        err = pair_work(p);
        if (err)
            goto out;
    }
    pthread_mutex_lock(&p->b);
    if (p->m < 0) {
        err = -1;
        goto out_b;
    }
    p->m++;
out_b:
    pthread_mutex_unlock(&p->b);
out:
    if (have_a)
        pthread_mutex_unlock(&p->a);
    return err;
}

int flag_and_error(struct pair *p, int x)
{
    int err = 0, locked = 0;
    if (x) {
        pthread_mutex_lock(&p->a);
        locked = 1;
    }
    if (p->n < 0) {
        err = -1;
        goto out;
    }
    if (p->m < 0) {
        if (locked) {
            pthread_mutex_unlock(&p->a);
            locked = 0;
        }
        err = -2;
        goto out;
    }
    p->m++;
out:
    if (locked)
        pthread_mutex_unlock(&p->a);
    return err;
}

int flag_not_cleared(struct pair *p, int x)
{
    int err = 0, locked = 0;
    if (x) {
        pthread_mutex_lock(&p->a);
        locked = 1;
    }
    if (p->m < 0) {
        if (locked)
            pthread_mutex_unlock(&p->a);
        err = -2;
        goto out;
    }
    p->m++;
out:
    if (locked)
        pthread_mutex_unlock(&p->a);
    return err;
}

// CHECK: independent-splits.c:84:9: warning: mutex 'p->a' is released but it is not held [unlock-not-held]
// CHECK-NEXT: independent-splits.c:77:13: note: 'p->a' already released here
