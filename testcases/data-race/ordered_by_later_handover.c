// A field the creator writes without the lock after starting the thread,
// which the thread reads under the lock only once there is work: the work
// is queued later, under the same lock, so the write happens before the
// read (zstd's POOL_create_advanced sets threadLimit this way; rsyslog's
// lookupNew sets pThis->self before any reload is requested). lockcheck
// does not see that ordering and reports a race.
// XFAIL: *
// RUN: %lockcheck %s -- > %t.out
// RUN: FileCheck %s --allow-empty --implicit-check-not=warning: < %t.out
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t ready;
    bool empty;
    int limit;
    int busy;
    pthread_t worker;
};

static void *drain(void *arg)
{
    struct queue *q = arg;
    pthread_mutex_lock(&q->mu);
    while (q->empty || q->busy >= q->limit)
        pthread_cond_wait(&q->ready, &q->mu);
    q->busy++;
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

int queue_start(struct queue *q)
{
    q->empty = true;
    q->busy = 0;
    if (pthread_create(&q->worker, NULL, drain, q) != 0)
        return -1;
    q->limit = 4;
    return 0;
}

void queue_add(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->empty = false;
    pthread_cond_signal(&q->ready);
    pthread_mutex_unlock(&q->mu);
}
