// An error path returns between the creation and the join: reported, with a
// note at that return. The failure of the creation itself is not such a
// path (no thread was started). A single handle reused by a loop leaves all
// but the last thread unjoined: reported too.
//
// RUN: %lockcheck --checks=-data-race %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <pthread.h>

int prepare(void);

static void *fill(void *arg)
{
    ((int *)arg)[0] = 1;
    return NULL;
}

int load(void)
{
    int buffer[16];
    pthread_t t;
    int rc = pthread_create(&t, NULL, fill, buffer);
    if (rc != 0)
        return -1;
    // CHECK: return_before_join.c:22:14: warning: the address of local variable 'buffer' is passed to a new thread, and 'load' can return before the thread is joined [dangling-thread-arg]
    // CHECK-NEXT: return_before_join.c:[[@LINE+2]]:9: note: 'load' returns here without joining the thread
    if (prepare() < 0)
        return -2;
    pthread_join(t, NULL);
    return buffer[0];
}

void fill_three(void)
{
    int value = 0;
    pthread_t t;
    for (int i = 0; i < 3; i++)
        // CHECK: return_before_join.c:[[@LINE+2]]:9: warning: the address of local variable 'value' is passed to a new thread, and 'fill_three' can return before the thread is joined [dangling-thread-arg]
        // CHECK-NEXT: return_before_join.c:[[@LINE+1]]:9: note: the loop starts the next thread in the same handle before this one is joined, so this one is never joined
        pthread_create(&t, NULL, fill, &value);
    pthread_join(t, NULL);
}
