// A lock taken under a condition and released under the same condition is
// balanced on every feasible path: no finding. lockcheck tracks which local
// variable's value tells the two paths apart (the flag itself, or a
// `locked` variable set next to the lock call).
// RUN: %lockcheck %s -- -std=gnu11 | count 0
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int counter;

void maybe_locked(int need_lock)
{
    if (need_lock)
        pthread_mutex_lock(&m);
    counter++;
    if (need_lock)
        pthread_mutex_unlock(&m);
}

void with_locked_variable(int shared)
{
    bool locked = false;
    if (shared) {
        pthread_mutex_lock(&m);
        locked = true;
    }
    counter++;
    if (locked)
        pthread_mutex_unlock(&m);
}

void negated(int single_threaded)
{
    if (!single_threaded)
        pthread_mutex_lock(&m);
    counter++;
    if (!single_threaded)
        pthread_mutex_unlock(&m);
}

// The condition can be a member path, and the lock can be released on one
// side before the join and on the other side after it.
struct module {
    int needs_lock;
};
static struct module *active;
static void evaluate(void);

void released_either_side(void)
{
    pthread_mutex_lock(&m);
    if (!active->needs_lock)
        pthread_mutex_unlock(&m);
    evaluate();
    if (active->needs_lock)
        pthread_mutex_unlock(&m);
}

// A `locked` flag set inside a loop: the first iteration knows it is 0, so
// the path "already locked" is not taken there.
static int items[16];

void lock_once_in_loop(void)
{
    int locked = 0;
    for (int i = 0; i < 16; i++) {
        if (!locked && items[i]) {
            pthread_mutex_lock(&m);
            locked = 1;
        }
        if (locked)
            counter += items[i];
    }
    if (locked)
        pthread_mutex_unlock(&m);
}

// The flag can be a pointer copied from a tested one: `held = n` after
// `n != NULL` is non-NULL too, and the lock moves with it.
struct node {
    pthread_mutex_t mu;
    int value;
};

void lock_if_present(struct node *n)
{
    struct node *held = NULL;
    if (n != NULL) {
        pthread_mutex_lock(&n->mu);
        held = n;
    }
    counter++;
    if (held != NULL)
        pthread_mutex_unlock(&held->mu);
}
