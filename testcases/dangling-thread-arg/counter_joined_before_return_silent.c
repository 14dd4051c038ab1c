// The fixed version of the seed's example 10: the function joins all ten
// threads before it returns (and the failure edge of a checked creation
// starts no thread), so the counter outlives them. Nothing is reported.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 0
// RUN: count 0 < %t.out
#include <pthread.h>

struct counter {
    pthread_mutex_t lock;
    int value;
};

static void *add_one(void *arg)
{
    struct counter *c = arg;
    pthread_mutex_lock(&c->lock);
    c->value += 1;
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

int count_to_ten(void)
{
    struct counter counter = {PTHREAD_MUTEX_INITIALIZER, 0};
    pthread_t threads[10];
    for (int i = 0; i < 10; i++)
        pthread_create(&threads[i], NULL, add_one, &counter);
    for (int i = 0; i < 10; i++)
        pthread_join(threads[i], NULL);
    return counter.value;
}

int count_once(void)
{
    struct counter counter = {PTHREAD_MUTEX_INITIALIZER, 0};
    pthread_t thread;
    if (pthread_create(&thread, NULL, add_one, &counter) != 0)
        return -1;
    pthread_join(thread, NULL);
    return counter.value;
}

int count_statically(void)
{
    static struct counter counter = {PTHREAD_MUTEX_INITIALIZER, 0};
    pthread_t thread;
    pthread_create(&thread, NULL, add_one, &counter);
    return 0;
}
