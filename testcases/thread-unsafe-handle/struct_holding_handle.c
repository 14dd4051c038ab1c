// A struct that holds a marked handle in a field, handed by pointer to two
// threads, shares the handle: reported, with a note at the field. One job
// struct per thread (an array indexed by the loop) is silent.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <pthread.h>

#ifndef LC_NOT_THREAD_SAFE
#define LC_NOT_THREAD_SAFE __attribute__((annotate("lockcheck:not_thread_safe")))
#endif

struct LC_NOT_THREAD_SAFE cache {
    int entries[16];
};

struct job {
    int id;
    struct cache cache;
};

static void *run_job(void *arg)
{
    struct job *job = arg;
    job->cache.entries[job->id % 16]++;
    return NULL;
}

void run_twice(void)
{
    struct job job = {0};
    pthread_t a, b;
    // CHECK: struct_holding_handle.c:[[@LINE+4]]:5: warning: 'job' (not-thread-safe 'struct cache') is handed to more than one thread [thread-unsafe-handle]
    // CHECK-NEXT: struct_holding_handle.c:[[@LINE+4]]:5: note: 'job' is handed to another thread here before the first is joined
    // CHECK-NEXT: struct_holding_handle.c:19:18: note: it holds one through field 'cache' (of type 'struct cache')
    // CHECK-NEXT: struct_holding_handle.c:13:27: note: 'struct cache' is marked not thread-safe here
    pthread_create(&a, NULL, run_job, &job);
    pthread_create(&b, NULL, run_job, &job);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

void run_one_job_each(void)
{
    struct job jobs[4] = {0};
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].id = i;
        pthread_create(&threads[i], NULL, run_job, &jobs[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}
