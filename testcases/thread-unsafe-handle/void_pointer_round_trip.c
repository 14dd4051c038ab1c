// A handle that goes through `void *` (a generic context pointer, a cast
// back) and an array of handle pointers filled with clones is still the same
// handle: reported, with the hops in the notes. An array filled with a new
// handle per element is silent.
//
// RUN: %lockcheck %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>
#include <stddef.h>

typedef struct {
    long refs;
    int value;
} rc_t LC_NOT_THREAD_SAFE;

rc_t *rc_new(void);

static rc_t *rc_clone(rc_t *rc)
{
    rc->refs++;
    return rc;
}

static void *bump(void *arg)
{
    rc_t *rc = arg;
    rc->value++;
    return NULL;
}

void through_void_pointers(rc_t *counter)
{
    pthread_t t;
    void *context = counter;
    // CHECK: void_pointer_round_trip.c:[[@LINE+5]]:5: warning: 'counter' (not-thread-safe 'rc_t') is handed to a new thread while 'through_void_pointers' keeps using it [thread-unsafe-handle]
    // CHECK-NEXT: void_pointer_round_trip.c:[[@LINE-2]]:11: note: 'counter' is copied to 'context' here
    // CHECK-NEXT: void_pointer_round_trip.c:[[@LINE+5]]:5: note: 'through_void_pointers' uses 'back' here before joining the thread
    // CHECK-NEXT: void_pointer_round_trip.c:[[@LINE+3]]:11: note: 'counter' is copied to 'back' here
    // CHECK-NEXT: void_pointer_round_trip.c:15:3: note: 'rc_t' is marked not thread-safe here
    pthread_create(&t, NULL, bump, (void *)context);
    rc_t *back = (rc_t *)context;
    back->value = 0;
    pthread_join(t, NULL);
}

void array_of_clones(rc_t *counter)
{
    rc_t *handles[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        handles[i] = rc_clone(counter);
    for (int i = 0; i < 4; i++)
        // CHECK: void_pointer_round_trip.c:[[@LINE+5]]:9: warning: 'counter' (not-thread-safe 'rc_t') is handed to more than one thread [thread-unsafe-handle]
        // CHECK-NEXT: void_pointer_round_trip.c:[[@LINE-3]]:22: note: 'counter' is returned by 'rc_clone' here
        // CHECK-NEXT: void_pointer_round_trip.c:[[@LINE-4]]:9: note: 'counter' is stored in 'handles[i]' here
        // CHECK-NEXT: void_pointer_round_trip.c:[[@LINE+2]]:9: note: this creation runs again in a loop and hands 'counter' to the next thread before this one is joined
        // CHECK-NEXT: void_pointer_round_trip.c:15:3: note: 'rc_t' is marked not thread-safe here
        pthread_create(&threads[i], NULL, bump, handles[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}

void array_of_new_handles(void)
{
    rc_t *handles[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        handles[i] = rc_new();
    for (int i = 0; i < 4; i++)
        pthread_create(&threads[i], NULL, bump, handles[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
}
