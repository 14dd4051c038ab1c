// Functions that hand a lock to their caller are not leaks:
//  - returning 0 with the lock held and an error code without it (C's
//    convention for "locked on success");
//  - dropping the caller's lock around a sleep and taking it back.
// Returning a success value with the lock held while an error path keeps it
// is still a leak.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>
#include <unistd.h>

struct page {
    pthread_mutex_t mu;
    int active, free_bytes;
};

// Leaves p locked when it returns 0 ("caller writes, then unlocks").
int page_reserve(struct page *p, int len)
{
    int ret = -1;
    pthread_mutex_lock(&p->mu);
    if (!p->active) {
        pthread_mutex_unlock(&p->mu);
        return ret;
    }
    if (p->free_bytes >= len)
        return 0;
    pthread_mutex_unlock(&p->mu);
    return ret;
}

int page_write(struct page *p, int len)
{
    if (page_reserve(p, len) != 0)
        return -1;
    p->free_bytes -= len;
    pthread_mutex_unlock(&p->mu);
    return 0;
}

static pthread_mutex_t crawler_lock = PTHREAD_MUTEX_INITIALIZER;

// Called with crawler_lock held; lets others in while it sleeps.
void crawler_pause(int ms)
{
    pthread_mutex_unlock(&crawler_lock);
    usleep((useconds_t)ms * 1000);
    pthread_mutex_lock(&crawler_lock);
}

// Here the held path returns 1, a plain value, and the other path 0: a leak.
int page_has_room(struct page *p, int len)
{
    pthread_mutex_lock(&p->mu);
    if (p->free_bytes >= len)
        return 1;
    pthread_mutex_unlock(&p->mu);
    return 0;
}
// CHECK: hand-over.c:55:9: warning: mutex 'p->mu' is still held when 'page_has_room' returns [missing-unlock]
// CHECK-NEXT: hand-over.c:53:5: note: 'p->mu' acquired here
// CHECK-NEXT: hand-over.c:54:9: note: on the path where this condition is true

// Returns the entry with the table locked, or NULL with it unlocked; the
// caller unlocks after using the entry.
struct entry {
    int *meta;
};
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
struct entry *table_find(int key);
int *meta_create(void);

static int *entry_meta_locked(int key)
{
    pthread_mutex_lock(&table_lock);
    struct entry *e = table_find(key);
    if (e == NULL) {
        pthread_mutex_unlock(&table_lock);
        return NULL;
    }
    if (e->meta == NULL)
        e->meta = meta_create();
    if (e->meta == NULL)
        pthread_mutex_unlock(&table_lock);
    return e->meta;
}

int entry_meta_set(int key, int value)
{
    int *meta = entry_meta_locked(key);
    if (meta == NULL)
        return -1;
    *meta = value;
    pthread_mutex_unlock(&table_lock);
    return 0;
}

// Calling crawler_pause with the lock held, as it expects, is no double lock:
// it gives the lock back before taking it again.
void crawler_run(void)
{
    pthread_mutex_lock(&crawler_lock);
    crawler_pause(10);
    pthread_mutex_unlock(&crawler_lock);
}
