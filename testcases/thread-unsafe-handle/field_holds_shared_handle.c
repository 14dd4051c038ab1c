// A struct handed to each thread whose field holds the same handle shares
// that handle, however the field was filled: assigned in the loop
// (`jobs[i].parser = shared`), through a pointer to a struct allocated per
// thread, by an initialiser, or in a compound literal. Reported at the
// creation, with a note where the handle was stored; so is the creator using
// the handle through the struct before the join. A handle created per
// iteration, a field a function fills (lockcheck cannot see what it stores), a
// store made through a pointer that later points to another struct,
// elements of one array told apart by constant indices, and a struct handed
// over until the join are silent.
//
// RUN: %lockcheck --checks=-data-race %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>
#include <stdlib.h>

struct LC_NOT_THREAD_SAFE parser {
    const char *cursor;
};

struct job {
    int id;
    struct parser *parser;
};

struct parser *parser_open(void);
void job_setup(struct job *job);

static void *run_job(void *arg)
{
    struct job *job = arg;
    job->parser->cursor++;
    return NULL;
}

void same_parser_in_every_job(struct parser *shared)
{
    struct job jobs[4] = {0};
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].id = i;
        jobs[i].parser = shared;
        // CHECK: field_holds_shared_handle.c:[[@LINE+4]]:9: warning: 'shared' (not-thread-safe 'struct parser') is handed to more than one thread [thread-unsafe-handle]
        // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE-2]]:9: note: 'shared' is stored in 'jobs[i].parser' here
        // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE+2]]:9: note: this creation runs again in a loop and hands 'shared' to the next thread before this one is joined
        // CHECK-NEXT: field_holds_shared_handle.c:18:27: note: 'struct parser' is marked not thread-safe here
        pthread_create(&threads[i], NULL, run_job, &jobs[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}

void heap_job_per_thread(struct parser *shared)
{
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        struct job *job = malloc(sizeof *job);
        job->id = i;
        job->parser = shared;
        // CHECK: field_holds_shared_handle.c:[[@LINE+4]]:9: warning: 'shared' (not-thread-safe 'struct parser') is handed to more than one thread [thread-unsafe-handle]
        // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE-2]]:9: note: 'shared' is stored in 'job->parser' here
        // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE+2]]:9: note: this creation runs again in a loop and hands 'shared' to the next thread before this one is joined
        // CHECK-NEXT: field_holds_shared_handle.c:18:27: note: 'struct parser' is marked not thread-safe here
        pthread_create(&threads[i], NULL, run_job, job);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}

void two_initialised_jobs(void)
{
    struct parser *p = parser_open();
    struct job first = {.id = 1, .parser = p};
    struct job second = {2, p};
    pthread_t a, b;
    // CHECK: field_holds_shared_handle.c:[[@LINE+6]]:5: warning: 'p' (not-thread-safe 'struct parser') is handed to more than one thread [thread-unsafe-handle]
    // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE-4]]:44: note: 'p' is stored in 'first.parser' here
    // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE+5]]:5: note: 'p' is handed to another thread here before the first is joined
    // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE-5]]:29: note: 'p' is stored in 'second.parser' here
    // CHECK-NEXT: field_holds_shared_handle.c:18:27: note: 'struct parser' is marked not thread-safe here
    // (the handle is the same, the jobs are not)
    pthread_create(&a, NULL, run_job, &first);
    pthread_create(&b, NULL, run_job, &second);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

void compound_literal_jobs(struct parser *shared)
{
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        // CHECK: field_holds_shared_handle.c:[[@LINE+4]]:9: warning: 'shared' (not-thread-safe 'struct parser') is handed to more than one thread [thread-unsafe-handle]
        // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE+3]]:85: note: 'shared' is stored in '(struct job){...}.parser' here
        // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE+2]]:9: note: this creation runs again in a loop and hands 'shared' to the next thread before this one is joined
        // CHECK-NEXT: field_holds_shared_handle.c:18:27: note: 'struct parser' is marked not thread-safe here
        pthread_create(&threads[i], NULL, run_job, &(struct job){.id = i, .parser = shared});
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}

void parser_per_job(void)
{
    struct job jobs[4] = {0};
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].parser = parser_open();
        pthread_create(&threads[i], NULL, run_job, &jobs[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}

void heap_job_and_parser_per_thread(void)
{
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        struct job *job = malloc(sizeof *job);
        job->parser = parser_open();
        pthread_create(&threads[i], NULL, run_job, job);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}

void filled_by_a_function(struct parser *shared)
{
    struct job jobs[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].parser = shared;
        job_setup(&jobs[i]);
        pthread_create(&threads[i], NULL, run_job, &jobs[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}

void constant_elements(void)
{
    struct job jobs[2];
    jobs[0].parser = parser_open();
    jobs[1].parser = parser_open();
    pthread_t a, b;
    pthread_create(&a, NULL, run_job, &jobs[0]);
    pthread_create(&b, NULL, run_job, &jobs[1]);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

void store_went_to_an_earlier_job(struct parser *shared)
{
    pthread_t threads[4];
    struct job *job = malloc(sizeof *job);
    job->parser = shared;
    for (int i = 0; i < 4; i++) {
        job = malloc(sizeof *job);
        job->parser = parser_open();
        pthread_create(&threads[i], NULL, run_job, job);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}

void creator_uses_it_through_the_job(struct parser *shared)
{
    struct job job = {.parser = shared};
    pthread_t t;
    // CHECK: field_holds_shared_handle.c:[[@LINE+4]]:5: warning: 'shared' (not-thread-safe 'struct parser') is handed to a new thread while 'creator_uses_it_through_the_job' keeps using it [thread-unsafe-handle]
    // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE-3]]:33: note: 'shared' is stored in 'job.parser' here
    // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE+3]]:5: note: 'creator_uses_it_through_the_job' uses 'job' here before joining the thread
    // CHECK-NEXT: field_holds_shared_handle.c:18:27: note: 'struct parser' is marked not thread-safe here
    pthread_create(&t, NULL, run_job, &job);
    job.parser->cursor++;
    pthread_join(t, NULL);
}

void job_handed_over_until_the_join(struct parser *shared)
{
    struct job job = {.parser = shared};
    pthread_t t;
    pthread_create(&t, NULL, run_job, &job);
    pthread_join(t, NULL);
    job.parser->cursor++;
    shared->cursor++;
}

void one_thread_gets_it_directly_the_other_in_a_job(struct parser *shared)
{
    struct job job;
    job.parser = shared;
    pthread_t a, b;
    // CHECK: field_holds_shared_handle.c:[[@LINE+4]]:5: warning: 'shared' (not-thread-safe 'struct parser') is handed to more than one thread [thread-unsafe-handle]
    // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE+4]]:5: note: 'shared' is handed to another thread here before the first is joined
    // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE-4]]:5: note: 'shared' is stored in 'job.parser' here
    // CHECK-NEXT: field_holds_shared_handle.c:18:27: note: 'struct parser' is marked not thread-safe here
    pthread_create(&a, NULL, run_job, shared);
    pthread_create(&b, NULL, run_job, &job);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

void jobs_in_a_variable_length_array(struct parser *shared, unsigned n)
{
    struct job jobs[n];
    pthread_t threads[n];
    for (unsigned i = 0; i < n; i++)
        jobs[i].parser = shared;
    for (unsigned i = 0; i < n; i++)
        // CHECK: field_holds_shared_handle.c:[[@LINE+4]]:9: warning: 'shared' (not-thread-safe 'struct parser') is handed to more than one thread [thread-unsafe-handle]
        // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE-3]]:9: note: 'shared' is stored in 'jobs[i].parser' here
        // CHECK-NEXT: field_holds_shared_handle.c:[[@LINE+2]]:9: note: this creation runs again in a loop and hands 'shared' to the next thread before this one is joined
        // CHECK-NEXT: field_holds_shared_handle.c:18:27: note: 'struct parser' is marked not thread-safe here
        pthread_create(&threads[i], NULL, run_job, &jobs[i]);
    for (unsigned i = 0; i < n; i++)
        pthread_join(threads[i], NULL);
}
