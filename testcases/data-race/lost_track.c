// Where lockcheck cannot know the locks, it stays silent: a helper defined
// in another file whose name says it locks (stats_lock), a lock taken on
// some paths only, and a thread whose start routine comes through a
// function pointer it cannot resolve.
// RUN: %lockcheck %s -- > %t.out
// RUN: FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

struct stats {
    pthread_mutex_t mu;
    long events;
};

void stats_lock(struct stats *s);    /* defined elsewhere */
void stats_unlock(struct stats *s);
void *(*pick_routine(void))(void *);

static struct stats global_stats = {PTHREAD_MUTEX_INITIALIZER, 0};
static int threaded;
static long counter;

static void *recorder(void *arg)
{
    struct stats *s = arg;
    stats_lock(s);
    s->events++;
    stats_unlock(s);
    if (threaded)
        pthread_mutex_lock(&s->mu);
    counter++;
    if (threaded)
        pthread_mutex_unlock(&s->mu);
    return NULL;
}

static void *counter_thread(void *arg)
{
    struct stats *s = arg;
    pthread_mutex_lock(&s->mu);
    s->events++;
    counter++;
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int main(void)
{
    pthread_t a, b, c;
    threaded = 1;
    pthread_create(&a, NULL, recorder, &global_stats);
    pthread_create(&b, NULL, counter_thread, &global_stats);
    pthread_create(&c, NULL, pick_routine(), &global_stats);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    return (int)counter;
}
