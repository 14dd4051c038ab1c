// The seed's example 11 with a clone function: rc_clone bumps a plain count
// and returns its argument, so every "clone" handed to a thread is the same
// object (Rust refuses `thread::spawn` of an Rc clone; C compiles it).
// Reported, with a note at the clone; whether the clone is the argument
// itself, kept in a local first, checks for NULL, or goes through a helper
// that calls it. A clone handed to one thread while the creator keeps using
// the original is reported too. Silent: a fresh handle per thread (even when
// it is cloned before being handed over and the thread drops it), one clone
// handed to one thread and the original left alone until the join, a "copy"
// function that returns a new object, and one that returns its parameter
// after giving it a new object.
//
// RUN: %lockcheck --checks=-data-race %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: --implicit-check-not=note: < %t.out
#include <lockcheck.h>
#include <pthread.h>
#include <stddef.h>

struct LC_NOT_THREAD_SAFE rc_counter {
    long refs;   /* plain increments: two threads lose updates */
    int value;
};

struct rc_counter *rc_new(void);
void rc_drop(struct rc_counter *rc);
struct rc_counter *rc_copy(const struct rc_counter *rc);

static struct rc_counter *rc_clone(struct rc_counter *rc)
{
    rc->refs++;
    return rc;
}

/* Returns its argument too: NULL stays NULL, and through a local. */
static struct rc_counter *rc_clone_checked(struct rc_counter *rc)
{
    if (!rc)
        return NULL;
    struct rc_counter *same = rc_clone(rc);
    return same;
}

static void *add_one(void *arg)
{
    struct rc_counter *rc = arg;
    rc->value += 1;
    rc_drop(rc);
    return NULL;
}

void clone_into_ten_threads(void)
{
    struct rc_counter *counter = rc_new();
    pthread_t handles[10];
    for (int i = 0; i < 10; i++)
        // CHECK: clone_function.c:[[@LINE+4]]:9: warning: 'counter' (not-thread-safe 'struct rc_counter') is handed to more than one thread [thread-unsafe-handle]
        // CHECK-NEXT: clone_function.c:[[@LINE+3]]:52: note: 'counter' is returned by 'rc_clone' here
        // CHECK-NEXT: clone_function.c:[[@LINE+2]]:9: note: this creation runs again in a loop and hands 'counter' to the next thread before this one is joined
        // CHECK-NEXT: clone_function.c:19:27: note: 'struct rc_counter' is marked not thread-safe here
        pthread_create(&handles[i], NULL, add_one, rc_clone(counter));
    for (int i = 0; i < 10; i++)
        pthread_join(handles[i], NULL);
    rc_drop(counter);
}

void clone_kept_in_a_local(struct rc_counter *counter)
{
    pthread_t handles[10];
    for (int i = 0; i < 10; i++) {
        // CHECK: clone_function.c:[[@LINE+5]]:9: warning: 'counter' (not-thread-safe 'struct rc_counter') is handed to more than one thread [thread-unsafe-handle]
        // CHECK-NEXT: clone_function.c:[[@LINE+3]]:35: note: 'counter' is returned by 'rc_clone_checked' here
        // CHECK-NEXT: clone_function.c:[[@LINE+2]]:28: note: 'counter' is copied to 'mine' here
        // CHECK-NEXT: clone_function.c:[[@LINE+2]]:9: note: this creation runs again in a loop and hands 'counter' to the next thread before this one is joined
        struct rc_counter *mine = rc_clone_checked(counter);
        pthread_create(&handles[i], NULL, add_one, mine);
        // CHECK-NEXT: clone_function.c:19:27: note: 'struct rc_counter' is marked not thread-safe here
    }
    for (int i = 0; i < 10; i++)
        pthread_join(handles[i], NULL);
}

int creator_keeps_the_original(struct rc_counter *counter)
{
    pthread_t t;
    // CHECK: clone_function.c:[[@LINE+4]]:5: warning: 'counter' (not-thread-safe 'struct rc_counter') is handed to a new thread while 'creator_keeps_the_original' keeps using it [thread-unsafe-handle]
    // CHECK-NEXT: clone_function.c:[[@LINE+3]]:39: note: 'counter' is returned by 'rc_clone' here
    // CHECK-NEXT: clone_function.c:[[@LINE+3]]:5: note: 'creator_keeps_the_original' uses 'counter' here before joining the thread
    // CHECK-NEXT: clone_function.c:19:27: note: 'struct rc_counter' is marked not thread-safe here
    pthread_create(&t, NULL, add_one, rc_clone(counter));
    counter->value = 0;
    pthread_join(t, NULL);
    return counter->value;
}

void fresh_handle_per_thread(void)
{
    pthread_t handles[10];
    for (int i = 0; i < 10; i++) {
        struct rc_counter *own = rc_new();
        pthread_create(&handles[i], NULL, add_one, rc_clone(own));
    }
    for (int i = 0; i < 10; i++)
        pthread_join(handles[i], NULL);
}

int one_clone_to_one_thread(struct rc_counter *counter)
{
    pthread_t t;
    struct rc_counter *given = rc_clone(counter);
    if (pthread_create(&t, NULL, add_one, given) != 0)
        return -1;
    pthread_join(t, NULL);
    return counter->value;
}

void copies_are_new_objects(const struct rc_counter *counter)
{
    pthread_t handles[10];
    for (int i = 0; i < 10; i++)
        pthread_create(&handles[i], NULL, add_one, rc_copy(counter));
    for (int i = 0; i < 10; i++)
        pthread_join(handles[i], NULL);
}

/* Returns its parameter, but only after giving it a new object. */
static struct rc_counter *rc_renew(struct rc_counter *rc)
{
    rc = rc_new();
    return rc;
}

void renewed_is_a_new_object(struct rc_counter *counter)
{
    pthread_t handles[10];
    for (int i = 0; i < 10; i++)
        pthread_create(&handles[i], NULL, add_one, rc_renew(counter));
    for (int i = 0; i < 10; i++)
        pthread_join(handles[i], NULL);
}
