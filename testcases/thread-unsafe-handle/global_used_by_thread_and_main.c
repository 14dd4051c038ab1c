// A global holding a marked handle, used by code that runs in a thread (here
// through a helper the thread calls) and by main: reported at the use in the
// thread's code, with notes on how the thread gets there and where the other
// use is. A marked global that only main uses is silent.
//
// RUN: %lockcheck --checks=-data-race %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <pthread.h>

#ifndef LC_NOT_THREAD_SAFE
#define LC_NOT_THREAD_SAFE __attribute__((annotate("lockcheck:not_thread_safe")))
#endif

struct LC_NOT_THREAD_SAFE arena {
    char *next;
    char *end;
};

struct arena *scratch;
struct arena main_only;

static char *take(unsigned n)
{
    // CHECK: global_used_by_thread_and_main.c:[[@LINE+5]]:16: warning: global 'scratch' (not-thread-safe 'struct arena') is used by a thread and by code outside it [thread-unsafe-handle]
    // CHECK-NEXT: global_used_by_thread_and_main.c:44:5: note: 'logger' runs in a new thread started here
    // CHECK-NEXT: global_used_by_thread_and_main.c:37:5: note: 'logger' calls 'take' here
    // CHECK-NEXT: global_used_by_thread_and_main.c:45:5: note: 'scratch' is also used here, by code that runs outside the thread
    // CHECK-NEXT: global_used_by_thread_and_main.c:14:27: note: 'struct arena' is marked not thread-safe here
    char *at = scratch->next;
    scratch->next += n;
    return at;
}

static void *logger(void *arg)
{
    (void)arg;
    take(8);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, logger, NULL);
    scratch->next = scratch->end;
    main_only.next = main_only.end;
    pthread_join(t, NULL);
    return 0;
}
