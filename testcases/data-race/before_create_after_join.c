// Code before the first thread creation and after the join of every thread
// runs alone: writing without the lock there is no race. The thread and
// the creator between create and join both lock: silent.
// RUN: %lockcheck --checks=-*,data-race %s -- > %t.out
// RUN: FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int queue_length;
static int results[4];

static void *worker(void *arg)
{
    int id = *(int *)arg;
    pthread_mutex_lock(&mu);
    queue_length--;
    results[id] = queue_length;
    pthread_mutex_unlock(&mu);
    return NULL;
}

static void setup(void)
{
    queue_length = 100;
}

int main(void)
{
    pthread_t t[4];
    int ids[4];
    setup();                           // before any creation
    for (int i = 0; i < 4; i++)
        results[i] = 0;
    for (int i = 0; i < 4; i++) {
        ids[i] = i;
        if (pthread_create(&t[i], NULL, worker, &ids[i]) != 0)
            return 1;
    }
    pthread_mutex_lock(&mu);
    queue_length += 10;                // while they run: under the lock
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    int sum = queue_length;            // after every join
    for (int i = 0; i < 4; i++)
        sum += results[i];
    return sum;
}
