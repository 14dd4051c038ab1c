// The C mirror of the texts' ten-threads counter (examples 10/11, fixed with
// Arc): ten threads each add one to a counter guarded by a mutex, and main
// reads the result under the lock after joining them. Correct: silent.
// RUN: %lockcheck %s -- | count 0
#include <lockcheck.h>
#include <pthread.h>
#include <stdio.h>

struct counter {
    pthread_mutex_t mu;
    int value LC_GUARDED_BY(mu);
};

static void *add_one(void *arg)
{
    struct counter *c = arg;
    pthread_mutex_lock(&c->mu);
    c->value += 1;
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

int main(void)
{
    struct counter counter = {PTHREAD_MUTEX_INITIALIZER, 0};
    pthread_t threads[10];
    for (int i = 0; i < 10; i++)
        pthread_create(&threads[i], NULL, add_one, &counter);
    for (int i = 0; i < 10; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_lock(&counter.mu);
    printf("Result: %d\n", counter.value);
    pthread_mutex_unlock(&counter.mu);
    return 0;
}
