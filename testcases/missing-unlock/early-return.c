// An error path that returns with the mutex still held: reported at that
// return, with a note where the lock was taken and the branch that leads there.
// RUN: not %lockcheck %s -- -std=gnu11 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    int items[16];
    int count;
};

int queue_push(struct queue *q, int value)
{
    pthread_mutex_lock(&q->mu);
    if (q->count == 16)
        return -1;
    q->items[q->count++] = value;
    pthread_mutex_unlock(&q->mu);
    return 0;
}
// CHECK: early-return.c:16:9: warning: mutex 'q->mu' is still held when 'queue_push' returns [missing-unlock]
// CHECK-NEXT: early-return.c:14:5: note: 'q->mu' acquired here
// CHECK-NEXT: early-return.c:15:9: note: on the path where this condition is true

// The same function done right: silent.
int queue_push_fixed(struct queue *q, int value)
{
    pthread_mutex_lock(&q->mu);
    if (q->count == 16) {
        pthread_mutex_unlock(&q->mu);
        return -1;
    }
    q->items[q->count++] = value;
    pthread_mutex_unlock(&q->mu);
    return 0;
}
