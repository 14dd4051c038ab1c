// Thread-local storage is never shared: a `__thread`, `_Thread_local` or
// `thread_local` global holding a marked handle, used by a thread and by
// main, gives each its own handle, and so does a value from
// pthread_getspecific or tss_get. Silent. The same global without the
// thread-local storage class is reported (the last case).
//
// RUN: %lockcheck --checks=-data-race %s -- -std=c11 -pthread > %t.out; test $? -eq 1
// RUN: FileCheck %s --implicit-check-not=warning: < %t.out
#include <lockcheck.h>
#include <pthread.h>
#include <threads.h>

struct LC_NOT_THREAD_SAFE arena {
    char *next;
    char *end;
};

__thread struct arena *gnu_scratch;
_Thread_local struct arena c11_scratch;
static thread_local struct arena *macro_scratch;
pthread_key_t arena_key;
tss_t arena_tss;
struct arena *shared_scratch;

static void take_from_all(void)
{
    gnu_scratch->next++;
    c11_scratch.next++;
    macro_scratch->next++;
    struct arena *mine = pthread_getspecific(arena_key);
    mine->next++;
    struct arena *also_mine = tss_get(arena_tss);
    also_mine->next++;
}

static void *logger(void *arg)
{
    (void)arg;
    take_from_all();
    // CHECK: thread_local_storage.c:[[@LINE+1]]:5: warning: global 'shared_scratch' (not-thread-safe 'struct arena') is used by a thread and by code outside it [thread-unsafe-handle]
    shared_scratch->next++;
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, logger, NULL);
    take_from_all();
    shared_scratch->next++;
    pthread_join(t, NULL);
    return 0;
}
