// The ten-threads counter with the lock forgotten in the thread function:
// C compiles it, lockcheck reports the unguarded increment at its line. The
// read in main, under the lock, is fine.
// RUN: not %lockcheck --checks=-data-race %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
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
    // CHECK: ten_threads_counter_racy.c:[[@LINE+1]]:5: warning: writing 'c->value' requires holding 'c->mu' exclusively [guarded-access]
    c->value += 1;
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
