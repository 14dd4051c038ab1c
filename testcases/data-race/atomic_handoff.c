// Threads that hand work over through an atomic flag they spin on (the
// creator publishes a job, sets `pending`; the worker waits for it, works,
// clears it): the plain fields are ordered by the atomics' protocol, which
// lockcheck does not follow. It stays silent on such a thread, also when the
// atomic is read by a helper it calls.
// RUN: %lockcheck %s -- > %t.out
// RUN: FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct slot {
    atomic_int pending;
    int input;
    int output;
};

static struct slot slots[2];

static int pending_of(int id)
{
    return atomic_load_explicit(&slots[id].pending, memory_order_acquire);
}

static void *io_worker(void *arg)
{
    int id = (int)(long)arg;
    for (;;) {
        while (pending_of(id) == 0)
            ;
        slots[id].output = slots[id].input * 2;
        atomic_store_explicit(&slots[id].pending, 0, memory_order_release);
    }
    return NULL;
}

static _Atomic int go;
static long result;

static void *waiter(void *arg)
{
    (void)arg;
    while (!go)
        ;
    result++;
    return NULL;
}

int main(void)
{
    pthread_t t[2], w;
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, io_worker, (void *)i);
    pthread_create(&w, NULL, waiter, NULL);
    slots[1].input = 21;
    atomic_store(&slots[1].pending, 1);
    result = 1;
    go = 1;
    pthread_join(w, NULL);
    return slots[1].output;
}
