// A branch that ends in a noreturn call (a user function declared noreturn,
// or abort) is not a path that returns: silent.
// RUN: %lockcheck %s -- -std=gnu11 | count 0
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int value;

__attribute__((noreturn)) void fatal(const char *msg);

int set(int v)
{
    pthread_mutex_lock(&m);
    if (v < 0)
        fatal("negative");
    if (v > 1000)
        abort();
    value = v;
    pthread_mutex_unlock(&m);
    return 0;
}
