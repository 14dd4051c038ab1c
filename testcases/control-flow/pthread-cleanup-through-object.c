// pthread_cleanup_push(f, q) where f unlocks through the object it is given
// (`struct queue *q = arg; pthread_mutex_unlock(&q->lock);`), not the mutex
// itself: pthread_cleanup_pop(1) releases q->lock (silent), and
// pthread_cleanup_pop(0) does not (reported).
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct queue {
    pthread_mutex_t lock;
    pthread_cond_t nonempty;
    int length;
};

static void queue_unlock_handler(void *arg)
{
    struct queue *q = arg;
    pthread_mutex_unlock(&q->lock);
}

int queue_wait(struct queue *q)
{
    int left;
    pthread_mutex_lock(&q->lock);
    if (q->length < 0) {
        pthread_mutex_unlock(&q->lock);
        return -1;
    }
    pthread_cleanup_push(queue_unlock_handler, q);
    while (q->length == 0)
        pthread_cond_wait(&q->nonempty, &q->lock);
    left = --q->length;
    pthread_cleanup_pop(1);
    return left;
}

int queue_wait_kept(struct queue *q)
{
    int left;
    pthread_mutex_lock(&q->lock);
    if (q->length < 0) {
        pthread_mutex_unlock(&q->lock);
        return -1;
    }
    pthread_cleanup_push(queue_unlock_handler, q);
    while (q->length == 0)
        pthread_cond_wait(&q->nonempty, &q->lock);
    left = --q->length;
    pthread_cleanup_pop(0);
    return left;
}

// Called twice in a row: the first call left the lock released.
void queue_wait_twice(struct queue *q)
{
    queue_wait(q);
    queue_wait(q);
}

// CHECK: pthread-cleanup-through-object.c:49:5: warning: mutex 'q->lock' is still held when 'queue_wait_kept' returns [missing-unlock]
// CHECK-NEXT: pthread-cleanup-through-object.c:39:5: note: 'q->lock' acquired here
// CHECK-NEXT: pthread-cleanup-through-object.c:45:12: note: on the path where this condition is false
