// Each thread its own slot of a global array, indexed by a value of its own
// (its id, from its argument), while the creating loop prepares the next
// slot (slot[i]): different elements, silent. Constant indices that differ
// are different elements too (pair[1] in main, pair[0] in the threads). An
// index both sides share (a global) may be the same element, and one
// element every thread writes (pair[0]) is shared by them: reported.
// RUN: not %lockcheck %s -- > %t.out
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <pthread.h>
#include <stddef.h>

#define N 4

static long counts[N];
static long pair[2];
static long ring[N];
static int head;

static void *counter(void *arg)
{
    long id = (long)arg;
    counts[id]++;
    pair[0]++;
    ring[head] = id;
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (long i = 0; i < N; i++) {
        counts[i] = 0;
        pthread_create(&t[i], NULL, counter, (void *)i);
    }
    pair[1] = 5;
    ring[head]++;
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return (int)(counts[0] + pair[0] + pair[1]);
}
// CHECK: own_slots.c:23:5: warning: 'pair[0]' is written here without a lock, while another thread writes it without a lock: no lock in common [data-race]
// CHECK-NEXT: own_slots.c:23:5: note: 'pair[0]' is written here in another thread, without a lock
// CHECK-NEXT: own_slots.c:33:9: note: the thread created here runs 'counter', which makes this access
// CHECK-NEXT: own_slots.c:33:9: note: the thread created here runs 'counter', which makes the other access
// CHECK-NEXT: own_slots.c:33:9: note: this creation runs in a loop: threads running 'counter' run at once
// CHECK: own_slots.c:24:5: warning: 'ring[head]' is written here without a lock, while another thread writes it without a lock: no lock in common [data-race]
// CHECK-NEXT: own_slots.c:24:5: note: 'ring[head]' is written here in another thread, without a lock
// CHECK-NEXT: own_slots.c:33:9: note: the thread created here runs 'counter', which makes this access
// CHECK-NEXT: own_slots.c:33:9: note: the thread created here runs 'counter', which makes the other access
// CHECK-NEXT: own_slots.c:33:9: note: this creation runs in a loop: threads running 'counter' run at once
// CHECK: own_slots.c:36:5: warning: 'ring[head]' is written here without a lock, while another thread writes it without a lock: no lock in common [data-race]
// CHECK-NEXT: own_slots.c:24:5: note: 'ring[head]' is written here in another thread, without a lock
// CHECK-NEXT: own_slots.c:33:9: note: 'main' makes this access while the thread created here runs
// CHECK-NEXT: own_slots.c:33:9: note: the thread created here runs 'counter', which makes the other access
