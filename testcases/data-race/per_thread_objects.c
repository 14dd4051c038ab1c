// Objects a thread owns: allocated inside it and never published, its
// stack, its own slot of an argument array (&args[i] per thread), and an
// object filled in before it is published under a lock. Silent.
// RUN: %lockcheck %s -- > %t.out
// RUN: FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stdlib.h>

struct node {
    int value;
    struct node *next;
};

struct work {
    int first, count;
    long sum;
};

static pthread_mutex_t list_mu = PTHREAD_MUTEX_INITIALIZER;
static struct node *list_head;

static void *summer(void *arg)
{
    struct work *w = arg;              // this thread's own element of jobs[]
    struct node *mine = malloc(sizeof *mine);
    if (!mine)
        return NULL;
    mine->value = 0;                   // not yet published
    for (int i = w->first; i < w->first + w->count; i++) {
        w->sum += i;
        mine->value += i;
    }
    struct node local = {0, NULL};
    local.value = mine->value;
    pthread_mutex_lock(&list_mu);
    mine->next = list_head;            // published under the lock
    list_head = mine;
    pthread_mutex_unlock(&list_mu);
    return NULL;
}

int main(void)
{
    struct work jobs[8];
    pthread_t t[8];
    for (int i = 0; i < 8; i++) {
        jobs[i].first = i * 100;
        jobs[i].count = 100;
        jobs[i].sum = 0;
        pthread_create(&t[i], NULL, summer, &jobs[i]);
    }
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    long total = 0;
    for (int i = 0; i < 8; i++)
        total += jobs[i].sum;
    return (int)total;
}
