// A malloc'd object is shared through a thread's argument and through a
// global: its fields race when one side skips the lock. Before it is handed
// over (initialisation) nothing runs at once.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stdlib.h>

struct job {
    pthread_mutex_t mu;
    int done;
    int progress;
};

static struct job *current;

static void *run_job(void *arg)
{
    struct job *j = arg;
    pthread_mutex_lock(&j->mu);
    j->progress = 50;
    pthread_mutex_unlock(&j->mu);
    pthread_mutex_lock(&j->mu);
    j->done = 1;
    pthread_mutex_unlock(&j->mu);
    return NULL;
}

static void *watch_current(void *arg)
{
    (void)arg;
    current->progress = 0;
    pthread_mutex_lock(&current->mu);
    int p = current->progress;
    pthread_mutex_unlock(&current->mu);
    return (void *)(long)p;
}

int main(void)
{
    struct job *j = malloc(sizeof *j);
    if (!j)
        return 1;
    pthread_mutex_init(&j->mu, NULL);
    j->done = 0;      // not yet shared
    j->progress = 0;
    pthread_t t;
    pthread_create(&t, NULL, run_job, j);
    // The loop's test: it runs while the thread does.
    while (!j->done)
        ;
    pthread_join(t, NULL);
    free(j);

    static struct job global_job = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
    current = &global_job;
    pthread_t a, b;
    pthread_create(&a, NULL, watch_current, NULL);
    pthread_create(&b, NULL, watch_current, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
// CHECK: shared_object.c:32:5: warning: 'current->progress' is written here without a lock, while another thread reads it holding 'current->mu': no lock in common [data-race]
// CHECK-NEXT: shared_object.c:34:13: note: 'current->progress' is read here in another thread, holding 'current->mu'
// CHECK-NEXT: shared_object.c:58:5: note: the thread created here runs 'watch_current', which makes this access
// CHECK-NEXT: shared_object.c:59:5: note: the thread created here runs 'watch_current', which makes the other access
// CHECK: shared_object.c:50:13: warning: 'j->done' is read here without a lock, while another thread writes it holding 'j->mu': no lock in common [data-race]
// CHECK-NEXT: shared_object.c:24:5: note: 'j->done' is written here in another thread, holding 'j->mu'
// CHECK-NEXT: shared_object.c:48:5: note: 'main' makes this access while the thread created here runs
// CHECK-NEXT: shared_object.c:48:5: note: the thread created here runs 'run_job', which makes the other access
