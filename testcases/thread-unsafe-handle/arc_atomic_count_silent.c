// The fix of the seed's example 11: the handle counts its references
// atomically (Rust's Arc) and its type carries no LC_NOT_THREAD_SAFE mark, so
// giving it to ten threads is fine. Nothing is reported.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 0
// RUN: count 0 < %t.out
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct arc_counter {
    atomic_long refs;
    pthread_mutex_t lock;
    int value;
};

static struct arc_counter *arc_clone(struct arc_counter *arc)
{
    atomic_fetch_add(&arc->refs, 1);
    return arc;
}

static void *add_one(void *arg)
{
    struct arc_counter *arc = arc_clone(arg);
    pthread_mutex_lock(&arc->lock);
    arc->value += 1;
    pthread_mutex_unlock(&arc->lock);
    atomic_fetch_sub(&arc->refs, 1);
    return NULL;
}

int main(void)
{
    struct arc_counter *counter = calloc(1, sizeof *counter);
    pthread_mutex_init(&counter->lock, NULL);
    pthread_t handles[10];
    for (int i = 0; i < 10; i++)
        pthread_create(&handles[i], NULL, add_one, counter);
    for (int i = 0; i < 10; i++)
        pthread_join(handles[i], NULL);
    int result = counter->value;
    free(counter);
    return result == 10 ? 0 : 1;
}
