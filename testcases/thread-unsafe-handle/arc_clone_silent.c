// The Arc mirror of clone_function.c: the count is atomic (an `atomic_int`
// updated with stdatomic.h, or a plain int updated only with __atomic
// builtins) and the type carries no mark, so handing clones to ten threads is
// fine, whether the clone is the argument, kept in a local or stored in a
// field. Nothing is reported.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 0
// RUN: count 0 < %t.out
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct arc_counter {
    atomic_int refs;
    atomic_int value;
};

struct arc_builtin {
    int refs;    /* only ever touched with __atomic_* */
    int value;
};

struct job {
    struct arc_counter *counter;
};

static struct arc_counter *arc_clone(struct arc_counter *arc)
{
    atomic_fetch_add(&arc->refs, 1);
    return arc;
}

static struct arc_builtin *arc_builtin_clone(struct arc_builtin *arc)
{
    __atomic_fetch_add(&arc->refs, 1, __ATOMIC_RELAXED);
    return arc;
}

static void *add_one(void *arg)
{
    struct arc_counter *arc = arg;
    atomic_fetch_add(&arc->value, 1);
    atomic_fetch_sub(&arc->refs, 1);
    return NULL;
}

static void *add_one_builtin(void *arg)
{
    struct arc_builtin *arc = arg;
    __atomic_fetch_add(&arc->value, 1, __ATOMIC_RELAXED);
    __atomic_fetch_sub(&arc->refs, 1, __ATOMIC_RELEASE);
    return NULL;
}

static void *run_job(void *arg)
{
    struct job *job = arg;
    return add_one(job->counter);
}

void ten_clones(struct arc_counter *counter, struct arc_builtin *other)
{
    pthread_t handles[10], more[10], jobs_threads[10];
    struct job jobs[10];
    for (int i = 0; i < 10; i++) {
        pthread_create(&handles[i], NULL, add_one, arc_clone(counter));
        struct arc_builtin *mine = arc_builtin_clone(other);
        pthread_create(&more[i], NULL, add_one_builtin, mine);
        jobs[i].counter = arc_clone(counter);
        pthread_create(&jobs_threads[i], NULL, run_job, &jobs[i]);
    }
    for (int i = 0; i < 10; i++) {
        pthread_join(handles[i], NULL);
        pthread_join(more[i], NULL);
        pthread_join(jobs_threads[i], NULL);
    }
}
