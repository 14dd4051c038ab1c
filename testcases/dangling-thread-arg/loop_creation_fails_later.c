// Threads created in a loop over arrays of handles and arguments, with each
// creation checked: when a later creation fails, the function returns while
// the threads already started still use the local array.
// RUN: %lockcheck %s -- -std=gnu11 > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

struct job {
    int first, count;
};

static void *run(void *arg)
{
    struct job *job = arg;
    job->count = 0;
    return NULL;
}

int start_all(void)
{
    struct job jobs[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].first = i * 100;
        if (pthread_create(&threads[i], NULL, run, &jobs[i]) != 0)
            return -1;
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    return 0;
}
// CHECK: loop_creation_fails_later.c:26:13: warning: the address of local variable 'jobs' is passed to a new thread, and 'start_all' can return before the thread is joined [dangling-thread-arg]
// CHECK-NEXT: loop_creation_fails_later.c:27:13: note: 'start_all' returns here when a later creation in the loop fails, without joining the threads already started
// CHECK-NEXT: loop_creation_fails_later.c:22:16: note: 'jobs' is declared here; its storage ends when 'start_all' returns

// Joining what was started before returning is right.
int start_all_fixed(void)
{
    struct job jobs[4];
    pthread_t threads[4];
    int started = 0;
    for (int i = 0; i < 4; i++) {
        jobs[i].first = i * 100;
        if (pthread_create(&threads[i], NULL, run, &jobs[i]) != 0)
            break;
        started++;
    }
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    return started == 4 ? 0 : -1;
}
