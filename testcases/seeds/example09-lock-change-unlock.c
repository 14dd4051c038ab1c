// Seed example 09, mirrored in C: one thread locks the mutex guarding a value
// of 5, changes it to 6 in an inner scope, releases it when the scope ends
// (here: a cleanup guard, as Rust's guard drops at the end of the scope), and
// prints the value. Correct code: no finding.
// RUN: %lockcheck %s -- -std=gnu11 | count 0
#include <pthread.h>
#include <stdio.h>

struct locked_int {
    pthread_mutex_t mu;
    int value;
};

static void release(pthread_mutex_t **held)
{
    pthread_mutex_unlock(*held);
}

int main(void)
{
    struct locked_int m = {PTHREAD_MUTEX_INITIALIZER, 5};
    {
        pthread_mutex_t *guard __attribute__((cleanup(release))) = &m.mu;
        pthread_mutex_lock(guard);
        m.value = 6;
    }
    pthread_mutex_lock(&m.mu);
    printf("m = %d\n", m.value);
    pthread_mutex_unlock(&m.mu);
    return 0;
}
