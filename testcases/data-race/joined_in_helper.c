// The creator joins its workers through a helper (pool_stop): what it
// writes after that call runs alone, silent. What it writes between the
// creation and the helper races with the workers, and the workers' own
// unlocked count races between them: reported.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

struct pool {
    pthread_t threads[2];
    int stop;
    long done;
};

static void *pool_worker(void *arg)
{
    struct pool *p = arg;
    while (!p->stop)
        p->done++;
    return NULL;
}

static void join_all(struct pool *p)
{
    for (int i = 0; i < 2; i++)
        pthread_join(p->threads[i], NULL);
}

static void pool_stop(struct pool *p)
{
    join_all(p);
}

long run(void)
{
    static struct pool p;
    for (int i = 0; i < 2; i++)
        pthread_create(&p.threads[i], NULL, pool_worker, &p);
    p.stop = 1;
    pool_stop(&p);
    p.done = 0;
    p.stop = 0;
    return p.done;
}
// CHECK: joined_in_helper.c:20:9: warning: 'p->done' is written here without a lock, while another thread writes it without a lock: no lock in common [data-race]
// CHECK-NEXT: joined_in_helper.c:20:9: note: 'p->done' is written here in another thread, without a lock
// CHECK-NEXT: joined_in_helper.c:39:9: note: the thread created here runs 'pool_worker', which makes this access
// CHECK-NEXT: joined_in_helper.c:39:9: note: the thread created here runs 'pool_worker', which makes the other access
// CHECK-NEXT: joined_in_helper.c:39:9: note: this creation runs in a loop: threads running 'pool_worker' run at once
// CHECK: joined_in_helper.c:40:5: warning: 'p.stop' is written here without a lock, while another thread reads it without a lock: no lock in common [data-race]
// CHECK-NEXT: joined_in_helper.c:19:13: note: 'p->stop' is read here in another thread, without a lock
// CHECK-NEXT: joined_in_helper.c:39:9: note: 'run' makes this access while the thread created here runs
// CHECK-NEXT: joined_in_helper.c:39:9: note: the thread created here runs 'pool_worker', which makes the other access
