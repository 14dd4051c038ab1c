// The C mirror of the seed's example 11: a reference-counted handle whose count
// is not atomic (Rust's Rc) is given to ten threads. Its type is marked
// LC_NOT_THREAD_SAFE, so handing it to a thread created in a loop is reported.
//
// RUN: %lockcheck --checks=-data-race %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <pthread.h>
#include <stdlib.h>

#ifndef LC_NOT_THREAD_SAFE
#define LC_NOT_THREAD_SAFE __attribute__((annotate("lockcheck:not_thread_safe")))
#endif

struct LC_NOT_THREAD_SAFE rc_counter {
    long refs;   /* plain increments: two threads lose updates */
    int value;
};

static struct rc_counter *rc_clone(struct rc_counter *rc)
{
    rc->refs++;
    return rc;
}

static void *add_one(void *arg)
{
    struct rc_counter *rc = rc_clone(arg);
    rc->value += 1;
    rc->refs--;
    return NULL;
}

int main(void)
{
    struct rc_counter *counter = calloc(1, sizeof *counter);
    pthread_t handles[10];
    for (int i = 0; i < 10; i++)
        // CHECK: rc_given_to_ten_threads.c:[[@LINE+3]]:9: warning: 'counter' (not-thread-safe 'struct rc_counter') is handed to more than one thread [thread-unsafe-handle]
        // CHECK-NEXT: rc_given_to_ten_threads.c:[[@LINE+2]]:9: note: this creation runs again in a loop and hands 'counter' to the next thread before this one is joined
        // CHECK-NEXT: rc_given_to_ten_threads.c:14:27: note: 'struct rc_counter' is marked not thread-safe here
        pthread_create(&handles[i], NULL, add_one, counter);
    for (int i = 0; i < 10; i++)
        pthread_join(handles[i], NULL);
    int result = counter->value;
    free(counter);
    return result == 10 ? 0 : 1;
}
