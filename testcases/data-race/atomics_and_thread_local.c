// Data that never races: _Atomic objects, objects only touched through
// __atomic / __sync builtins and <stdatomic.h>, thread-local variables, and
// a volatile stop flag (lockcheck leaves those to the memory model). Silent.
// RUN: %lockcheck %s -- > %t.out
// RUN: FileCheck %s --allow-empty --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

static _Atomic int hits;
static atomic_long bytes;
static int builtin_counter;
static int sync_counter;
static _Thread_local int per_thread_calls;
static __thread char scratch[64];
static volatile int stop;

static void *worker(void *arg)
{
    (void)arg;
    while (!stop) {
        hits++;
        atomic_fetch_add(&bytes, 10);
        __atomic_fetch_add(&builtin_counter, 1, __ATOMIC_RELAXED);
        __sync_fetch_and_add(&sync_counter, 1);
        per_thread_calls++;
        scratch[0] = (char)per_thread_calls;
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    hits = 0;
    per_thread_calls = 1;
    stop = 1;
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return hits;
}
