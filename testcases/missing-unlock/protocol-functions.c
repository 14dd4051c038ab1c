// Shapes real code uses that are hand-overs, not leaks (silent): a function
// that takes its caller's lock on one path and gives it back on another
// (pause / resume), and one that returns an object with the lock held or
// NULL without it, where NULL is tested before the lock (the object tested,
// or another pointer). Unlocking after a
// failed trylock is still reported, even in such a function.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

static pthread_mutex_t hang_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
enum pause_kind { PAUSE_WORKERS, RESUME_WORKERS };
void notify_workers(void);

void pause_workers(enum pause_kind kind)
{
    bool paused = false;
    switch (kind) {
    case PAUSE_WORKERS:
        paused = true;
        pthread_mutex_lock(&hang_lock);
        break;
    case RESUME_WORKERS:
        pthread_mutex_unlock(&hang_lock);
        break;
    }
    if (!paused)
        return;
    notify_workers();
}

struct iterator {
    int bucket;
};

void *table_iterator(void)
{
    struct iterator *it = calloc(1, sizeof *it);
    if (it == NULL)
        return NULL;
    pthread_mutex_lock(&table_lock);
    return it;
}

// An object returned locked from a function returning a pointer, NULL
// unlocked: callers test it against NULL.
struct iterator *table_find(int key);
int *table_value_locked(int key)
{
    struct iterator *it = table_find(key);
    if (!it)
        return NULL;
    pthread_mutex_lock(&table_lock);
    return &it->bucket;
}

// Reported: when the trylock fails, the unlock releases a lock not taken.
int table_poll(bool resume)
{
    if (resume) {
        pthread_mutex_unlock(&table_lock);
        return 0;
    }
    if (pthread_mutex_trylock(&table_lock) == 0)
        return 1;
    pthread_mutex_unlock(&table_lock);
    return -1;
}

// CHECK: protocol-functions.c:68:5: warning: mutex 'table_lock' is released on a path where 'table_poll' did not acquire it [unlock-not-held]
// CHECK-NEXT: protocol-functions.c:66:9: note: 'table_lock' acquired here on other paths
