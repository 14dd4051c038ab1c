// The C mirror of the seed's example 10: ten threads each add one to a counter
// that lives in the frame of the function that starts them. The function
// returns without joining, so the threads can use a dead frame: reported at
// the creation, with notes at the closing brace and at the counter.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
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

void start_counting(pthread_t threads[10])
{
    struct counter counter = {PTHREAD_MUTEX_INITIALIZER, 0};
    for (int i = 0; i < 10; i++)
        // CHECK: moved_counter_threads_outlive_frame.c:[[@LINE+4]]:9: warning: the address of local variable 'counter' is passed to a new thread, and 'start_counting' can return before the thread is joined [dangling-thread-arg]
        // CHECK-NEXT: moved_counter_threads_outlive_frame.c:33:1: note: 'start_counting' reaches its end here without joining the thread
        // CHECK-NEXT: moved_counter_threads_outlive_frame.c:26:20: note: 'counter' is declared here; its storage ends when 'start_counting' returns
        // CHECK-NOT: note:
        pthread_create(&threads[i], NULL, add_one, &counter);
}
